using System.Net;
using IdentityHub.Core.Keys;
using IdentityHub.Data;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Keys;

/// <summary>Keys live in the database (P8): a restart keeps every token valid.</summary>
public sealed class KeyPersistenceTests
{
    [Fact]
    public async Task Tokens_stay_valid_after_the_server_restarts()
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync("restart");
        string kid, accessToken, refreshToken;
        await using (var first = new IdentityHubApp().UseDatabase(database))
        {
            await first.InitializeAsync();
            var user = await first.CreateUserAsync("restart-user");
            var tokens = (await TokenClient.For(first).RedeemAsync(
                await first.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess();
            (kid, accessToken, refreshToken) = (tokens.ReadIdToken().Kid, tokens.AccessToken, tokens.RefreshToken);
        }

        await using var second = new IdentityHubApp().UseDatabase(database);
        await second.InitializeAsync();

        var jwks = await (await second.CreateClient().GetAsync("/.well-known/jwks")).JsonAsync();
        Assert.Equal(kid, Assert.Single(jwks.GetProperty("keys").EnumerateArray()).GetProperty("kid").GetString());
        using var userinfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo").WithBearer(accessToken);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().SendAsync(userinfo)).StatusCode);
        // Refresh tokens are encrypted with the stored encryption key: they must still open.
        (await TokenClient.For(second).RefreshAsync(refreshToken)).EnsureSuccess();
    }

    [Fact]
    public async Task Private_keys_are_stored_only_in_protected_form()
    {
        await using var app = new IdentityHubApp();
        await app.InitializeAsync();
        _ = await app.CreateClient().GetAsync("/.well-known/jwks");

        using var scope = app.Services.CreateScope();
        var keys = await scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>().SigningKeys.ToListAsync();

        Assert.Equal(
            [(KeyUse.Signing, "RS256"), (KeyUse.Encryption, "A256KW"), (KeyUse.ServerSigning, "HS256")],
            keys.Select(key => (key.Use, key.Algorithm)).OrderBy(key => key.Use));
        // A Data Protection payload (its magic header, then authenticated ciphertext), not a key in the
        // clear, which would start "-----BEGIN" (PEM) or "MII" (base64 DER). Ciphertext contains "MII"
        // somewhere by chance in about one key in a few hundred, so the header is what is checked.
        Assert.All(keys, key =>
        {
            Assert.StartsWith("CfDJ8", key.ProtectedPrivateKey, StringComparison.Ordinal);
            Assert.Equal([0x09, 0xF0, 0xC9, 0xF0], Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(key.ProtectedPrivateKey)[..4]);
            Assert.DoesNotContain("-----BEGIN", key.ProtectedPrivateKey, StringComparison.Ordinal);
        });
    }
}
