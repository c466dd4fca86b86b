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
        Assert.Contains(kid, jwks.GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString()));
        Assert.Equal(3, jwks.GetProperty("keys").GetArrayLength());
        using var userinfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo").WithBearer(accessToken);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().SendAsync(userinfo)).StatusCode);
        // Refresh tokens are encrypted with the stored encryption key: they must still open.
        (await TokenClient.For(second).RefreshAsync(refreshToken)).EnsureSuccess();
    }

    [Fact]
    public async Task An_upgrade_keeps_the_stored_RS256_key_and_creates_the_PS256_and_ES256_keys_on_first_start()
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync("upgrade-keys");
        string rsaKid, accessToken;
        await using (var first = new IdentityHubApp().UseDatabase(database))
        {
            await first.InitializeAsync();
            var tokens = (await TokenClient.For(first, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
            (rsaKid, accessToken) = (tokens.ReadAccessToken().Kid, tokens.AccessToken);

            // What the previous version stored: no PS256 or ES256 keys.
            using var scope = first.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
            db.SigningKeys.RemoveRange(await db.SigningKeys.Where(key => key.Use == KeyUse.SigningPs256 || key.Use == KeyUse.SigningEs256).ToListAsync());
            await db.SaveChangesAsync();
        }

        await using var second = new IdentityHubApp().UseDatabase(database);
        await second.InitializeAsync();

        var keys = (await (await second.CreateClient().GetAsync("/.well-known/jwks")).JsonAsync()).GetProperty("keys").EnumerateArray()
            .ToDictionary(key => key.GetProperty("alg").GetString()!, key => key.GetProperty("kid").GetString()!);
        Assert.Equal(["ES256", "PS256", "RS256"], keys.Keys.Order());
        Assert.Equal(rsaKid, keys["RS256"]);
        var again = (await TokenClient.For(second, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        Assert.Equal(rsaKid, again.ReadAccessToken().Kid);
        Assert.True((await TokenClient.For(second, TestClients.Integration, TestClients.IntegrationSecret).IntrospectAsync(accessToken)).GetProperty("active").GetBoolean());
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
            [(KeyUse.Signing, "RS256"), (KeyUse.Encryption, "A256KW"), (KeyUse.ServerSigning, "HS256"), (KeyUse.SigningPs256, "PS256"), (KeyUse.SigningEs256, "ES256")],
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
