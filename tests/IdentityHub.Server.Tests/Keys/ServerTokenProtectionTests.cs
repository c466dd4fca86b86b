using System.Security.Cryptography;
using IdentityHub.Core.Keys;
using IdentityHub.Data;
using IdentityHub.Data.Keys;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.EntityFrameworkCore.Models;

namespace IdentityHub.Server.Tests.Keys;

/// <summary>
/// What leaves the server for others to check (access and ID tokens) is signed with a key in JWKS, RS256 unless the
/// client or API chose PS256 or ES256 (SigningAlgorithmTests);
/// what only the server reads back (stored codes, refresh tokens) is HS256 inside A256KW with keys that never leave it.
/// </summary>
public sealed class ServerTokenProtectionTests
{
    [Fact]
    public async Task Codes_and_refresh_tokens_use_the_servers_secret_keys_and_access_and_ID_tokens_its_published_RSA_key()
    {
        await using var app = new IdentityHubApp();
        await app.InitializeAsync();
        var user = await app.CreateUserAsync("formats-user");
        var authorization = await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        var storedCode = await StoredCodeAsync(app);
        var tokens = (await TokenClient.For(app).RedeemAsync(authorization)).EnsureSuccess();
        var refreshed = (await TokenClient.For(app).RefreshAsync(tokens.RefreshToken)).EnsureSuccess();

        var keys = (await (await app.CreateClient().GetAsync("/.well-known/jwks")).JsonAsync()).GetProperty("keys").EnumerateArray().ToList();
        var published = keys.Select(key => key.GetProperty("kid").GetString()).ToList();
        var rsaKid = Assert.Single(keys, key => key.GetProperty("alg").GetString() == "RS256").GetProperty("kid").GetString();
        foreach (var token in new[] { tokens.AccessToken, tokens.IdToken, refreshed.AccessToken, refreshed.IdToken })
        {
            var jwt = new JsonWebToken(token);
            Assert.Equal(("RS256", rsaKid), (jwt.Alg, jwt.Kid));
        }

        foreach (var token in new[] { storedCode, tokens.RefreshToken, refreshed.RefreshToken })
        {
            var jwe = new JsonWebToken(token);
            Assert.Equal(("A256KW", "A256CBC-HS512"), (jwe.Alg, jwe.Enc));
            Assert.DoesNotContain(jwe.Kid, published);
        }

        var discovery = await (await app.CreateClient().GetAsync("/.well-known/openid-configuration")).JsonAsync();
        Assert.Equal(["ES256", "PS256", "RS256"], discovery.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(alg => alg.GetString()).Order());
    }

    [Fact]
    public async Task An_RSA_encryption_key_from_an_earlier_version_keeps_working_until_its_successor_takes_over()
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync("legacy-keys");
        await using (var first = new IdentityHubApp().UseDatabase(database))
        {
            await first.InitializeAsync();
            _ = await first.CreateClient().GetAsync("/.well-known/jwks");
            await ReplaceEncryptionKeyWithRsaAsync(first);
        }

        await using var second = new IdentityHubApp().UseDatabase(database);
        await second.InitializeAsync();
        var user = await second.CreateUserAsync("legacy-key-user");
        var tokens = (await TokenClient.For(second).RedeemAsync(
            await second.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess();

        Assert.Equal("RSA-OAEP", new JsonWebToken(tokens.RefreshToken).Alg);
        (await TokenClient.For(second).RefreshAsync(tokens.RefreshToken)).EnsureSuccess();
    }

    // The code the portal sees is a reference to what is stored in the token table until it is redeemed.
    private static async Task<string> StoredCodeAsync(IdentityHubApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>().Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(token => token.ReferenceId != null && token.Payload != null).Select(token => token.Payload!).SingleAsync();
    }

    // What earlier versions stored: an RSA key pair for encryption, with the same schedule.
    private static async Task ReplaceEncryptionKeyWithRsaAsync(IdentityHubApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        var current = await db.SigningKeys.SingleAsync(key => key.Use == KeyUse.Encryption);
        using var rsa = RSA.Create(2048);
        var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("IdentityHub.Keys.v1");
        db.SigningKeys.Remove(current);
        db.SigningKeys.Add(new StoredKey
        {
            Id = Guid.NewGuid().ToString("N"),
            Use = KeyUse.Encryption,
            Algorithm = "RSA-OAEP",
            ProtectedPrivateKey = protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
            PublishedAt = current.PublishedAt,
            ActivatesAt = current.ActivatesAt,
            RetiresAt = current.RetiresAt,
            ExpiresAt = current.ExpiresAt,
        });
        await db.SaveChangesAsync();
    }
}
