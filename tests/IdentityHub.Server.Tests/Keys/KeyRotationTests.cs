using IdentityHub.Server.Keys;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IdentityHub.Server.Tests.Keys;

/// <summary>
/// Scheduled rotation (P8): the next key appears in JWKS before it signs, takes over on schedule,
/// and the old key stays published until the tokens it signed have expired.
/// </summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task The_next_key_is_published_before_use_and_the_old_one_kept_until_its_tokens_expire()
    {
        await using var app = new IdentityHubApp()
            .With("IdentityHub:Keys:RotationInterval", "1.00:00:00")
            .With("IdentityHub:Keys:PublishAhead", "02:00:00")
            .With("IdentityHub:Tokens:RefreshTokenLifetime", "01:00:00")
            .With("IdentityHub:Tokens:RefreshTokenAbsoluteLifetime", "02:00:00");
        await app.InitializeAsync();
        var ring = app.Services.GetRequiredService<KeyRing>();
        var integration = TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret);

        var firstKid = await SigningKidAsync(integration);
        Assert.Equal([firstKid], await PublishedKidsAsync(app));

        // Within the publish-ahead window: the successor is published but does not sign yet.
        app.Clock.Advance(TimeSpan.FromHours(23));
        await ring.RefreshAsync(CancellationToken.None);
        var published = await PublishedKidsAsync(app);
        Assert.Equal(2, published.Count);
        Assert.Equal(firstKid, await SigningKidAsync(integration));
        var nextKid = Assert.Single(published, kid => kid != firstKid);

        // After the rotation time the successor signs; the old key is still published.
        app.Clock.Advance(TimeSpan.FromHours(1.5));
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal(nextKid, await SigningKidAsync(integration));
        Assert.Contains(firstKid, await PublishedKidsAsync(app));

        // Once every token the old key signed has expired, it leaves JWKS.
        app.Clock.Advance(TimeSpan.FromHours(3));
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal([nextKid], await PublishedKidsAsync(app));
    }

    [Fact]
    public async Task A_refresh_token_protected_with_the_previous_secret_keys_still_opens_after_the_rotation()
    {
        await using var app = new IdentityHubApp()
            .With("IdentityHub:Keys:RotationInterval", "1.00:00:00")
            .With("IdentityHub:Keys:PublishAhead", "02:00:00")
            .With("IdentityHub:Tokens:RefreshTokenLifetime", "02:00:00")
            .With("IdentityHub:Tokens:RefreshTokenAbsoluteLifetime", "03:00:00");
        await app.InitializeAsync();
        var ring = app.Services.GetRequiredService<KeyRing>();
        var user = await app.CreateUserAsync("rotation-refresh-user");

        app.Clock.Advance(TimeSpan.FromHours(23));
        await ring.RefreshAsync(CancellationToken.None);
        var before = (await TokenClient.For(app).RedeemAsync(
            await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess();

        app.Clock.Advance(TimeSpan.FromHours(1.5));
        await ring.RefreshAsync(CancellationToken.None);
        var after = (await TokenClient.For(app).RefreshAsync(before.RefreshToken)).EnsureSuccess();

        // Encrypted with the successor now, and the old one still opened.
        Assert.NotEqual(new JsonWebToken(before.RefreshToken).Kid, new JsonWebToken(after.RefreshToken).Kid);
    }

    private static async Task<string> SigningKidAsync(TokenClient integration) =>
        (await integration.ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess().ReadAccessToken().Kid;

    // The RS256 keys (the PS256 and ES256 ones rotate alike: SigningAlgorithmTests).
    private static async Task<List<string>> PublishedKidsAsync(IdentityHubApp app) =>
        (await (await app.CreateClient().GetAsync("/.well-known/jwks")).JsonAsync())
            .GetProperty("keys").EnumerateArray().Where(key => key.GetProperty("alg").GetString() == "RS256")
            .Select(key => key.GetProperty("kid").GetString()!).ToList();
}
