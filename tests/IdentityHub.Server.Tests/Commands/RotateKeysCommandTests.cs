using System.Net;
using IdentityHub.Server.Commands;
using IdentityHub.Server.Keys;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Commands;

/// <summary>
/// <c>rotate-keys</c> (O5, P8): the new signing key is in JWKS before it signs, as in a scheduled rotation; <c>--now</c>
/// (a suspected compromise) replaces every key at once, and tokens the old keys signed or protected stop working.
/// </summary>
public sealed class RotateKeysCommandTests
{
    [Fact]
    public async Task The_new_key_is_published_first_and_signs_after_the_publish_ahead_time_while_the_old_one_stays_published()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        var integration = TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret);
        var oldKid = await SigningKidAsync(integration);

        var run = await RunAsync(app);

        Assert.True(run.Exit == 0, run.Error);
        var published = await PublishedKidsAsync(app);
        var newKid = Assert.Single(published, kid => kid != oldKid);
        Assert.Contains($"Published RS256 signing key {newKid} in JWKS now; it signs from ", run.Output, StringComparison.Ordinal);
        Assert.Contains($"when {oldKid} retires", run.Output, StringComparison.Ordinal);
        Assert.Contains("Published PS256 signing key ", run.Output, StringComparison.Ordinal);
        Assert.Contains("Published ES256 signing key ", run.Output, StringComparison.Ordinal);
        Assert.Equal(oldKid, await SigningKidAsync(integration));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "keys.rotated" && e.Detail!.Contains(newKid))));

        // A second run while the successor waits changes nothing.
        var again = await RunAsync(app);
        Assert.Equal(0, again.Exit);
        Assert.Contains($"The next RS256 signing key {newKid} is already published", again.Output, StringComparison.Ordinal);
        Assert.Equal(2, (await PublishedKidsAsync(app)).Count);

        // After the publish-ahead time the new key signs; the old one is still published for its tokens.
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await app.Services.GetRequiredService<KeyRing>().RefreshAsync(CancellationToken.None);
        Assert.Equal(newKid, await SigningKidAsync(integration));
        Assert.Contains(oldKid, await PublishedKidsAsync(app));
    }

    [Fact]
    public async Task Now_replaces_every_key_and_tokens_from_before_stop_working()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        var user = await app.CreateUserAsync(MfaSteps.NewName("rotate-now"));
        var before = (await TokenClient.For(app).RedeemAsync(await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess();
        var oldKid = before.ReadAccessToken().Kid;

        var run = await RunAsync(app, "--now");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains($"Replaced the RS256 signing key: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("Replaced the PS256 signing key", run.Output, StringComparison.Ordinal);
        Assert.Contains("Replaced the ES256 signing key", run.Output, StringComparison.Ordinal);
        Assert.Contains($"withdrawn: {oldKid}", run.Output, StringComparison.Ordinal);
        Assert.Contains("Replaced the encryption key", run.Output, StringComparison.Ordinal);
        Assert.Contains("Replaced the server-signing key", run.Output, StringComparison.Ordinal);
        var newKid = Assert.Single(await PublishedKidsAsync(app));
        Assert.NotEqual(oldKid, newKid);

        // The old access token no longer validates here, nor does the refresh token protected by the old keys.
        using var userinfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo").WithBearer(before.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(userinfo)).StatusCode);
        var refreshed = await TokenClient.For(app).RefreshAsync(before.RefreshToken);
        Assert.Equal("invalid_grant", refreshed.Error);

        // New tokens are signed with the new key.
        var integration = TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret);
        Assert.Equal(newKid, await SigningKidAsync(integration));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "keys.replaced")));
    }

    private static IdentityHubApp NewApp() => new IdentityHubApp()
        .With("IdentityHub:Keys:RotationInterval", "1.00:00:00")
        .With("IdentityHub:Keys:PublishAhead", "02:00:00")
        .With("IdentityHub:Tokens:RefreshTokenLifetime", "01:00:00")
        .With("IdentityHub:Tokens:RefreshTokenAbsoluteLifetime", "02:00:00");

    private static async Task<(int Exit, string Output, string Error)> RunAsync(IdentityHubApp app, params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await RotateKeysCommand.RunAsync(app.Services, arguments, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<string> SigningKidAsync(TokenClient integration) =>
        (await integration.ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess().ReadAccessToken().Kid;

    // The RS256 keys (the PS256 and ES256 ones rotate alike: SigningAlgorithmTests).
    private static async Task<List<string>> PublishedKidsAsync(IdentityHubApp app) =>
        (await (await app.CreateClient().GetAsync("/.well-known/jwks")).JsonAsync())
            .GetProperty("keys").EnumerateArray().Where(key => key.GetProperty("alg").GetString() == "RS256")
            .Select(key => key.GetProperty("kid").GetString()!).ToList();
}
