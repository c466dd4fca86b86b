using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Sessions;

/// <summary>
/// "Sign out everywhere" (A12): every other browser's session ends at once (its record ends, so its
/// next request is refused) and no token a portal holds can be refreshed; the browser that asked stays
/// signed in.
/// </summary>
public sealed class SignOutEverywhereTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    /// <summary>The least time between two codes sent to the same user.</summary>
    private static readonly TimeSpan ResendCooldown = TimeSpan.FromSeconds(31);

    [Fact]
    public async Task Other_browsers_must_sign_in_again_and_their_refresh_tokens_are_refused_while_this_browser_stays_signed_in()
    {
        var name = NewName("everywhere");
        var user = await app.CreateUserAsync(name);
        var tokens = TokenClient.For(app);

        // Browser B (say, a shared computer) signs in at the portal, which keeps a refresh token.
        var other = app.NewBrowser();
        var otherTokens = (await tokens.RedeemAsync(await other.CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess();
        Assert.False(string.IsNullOrEmpty(otherTokens.RefreshToken));

        // Browser A signs in too, and its portal keeps tokens of its own.
        app.Clock.Advance(ResendCooldown);
        var mine = app.NewBrowser();
        var myTokens = (await tokens.RedeemAsync(await mine.CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess();
        var stampBefore = await SecurityStampAsync(user.Id);

        var response = await mine.PostSecurityAsync("SignOutEverywhere");

        Assert.True(Browser.IsRedirectTo(response, Security), Describe(response));
        var page = await (await mine.GetAsync(Security)).TextAsync();
        Assert.Contains("You are signed out on every other device and browser.", page);
        Assert.NotEqual(stampBefore, await SecurityStampAsync(user.Id));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "session.sign_out_everywhere")));

        // Refresh tokens die at once, on both portals.
        var refused = await tokens.RefreshAsync(otherTokens.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("invalid_grant", refused.Error);
        Assert.Equal("invalid_grant", (await tokens.RefreshAsync(myTokens.RefreshToken)).Error);


        // B's next visit to a portal goes to the sign-in page.
        var otherRequest = new AuthorizationRequest();
        var otherAuthorize = await other.AuthorizeAsync(otherRequest);
        Assert.True(Browser.IsRedirectTo(otherAuthorize, "/account/login"), Describe(otherAuthorize));
        Assert.False(AuthorizationResult.From(otherAuthorize, otherRequest).Parameters.ContainsKey("code"));
        Assert.True(Browser.IsRedirectTo(await other.GetAsync(Security), "/account/login"), "B still sees the account page.");

        // A goes straight back to the portal with a code, and the portal can use it.
        var myRequest = new AuthorizationRequest();
        var again = AuthorizationResult.From(await mine.AuthorizeAsync(myRequest), myRequest);
        Assert.Equal(TestClients.RedirectUri, again.Location?.GetLeftPart(UriPartial.Path));
        var renewed = (await tokens.RedeemAsync(again)).EnsureSuccess();
        (await tokens.RefreshAsync(renewed.RefreshToken)).EnsureSuccess();
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync(Security)).StatusCode);
    }

    [Fact]
    public async Task A_new_sign_in_in_the_other_browser_works_again()
    {
        var name = NewName("signinagain");
        await app.CreateUserAsync(name);
        var other = app.NewBrowser();
        await other.CodeFlowAsync(name, new AuthorizationRequest());
        app.Clock.Advance(ResendCooldown);
        var mine = app.NewBrowser();
        Assert.True(Browser.IsRedirectTo(await mine.SignInAsync(name), "/"));
        Assert.True(Browser.IsRedirectTo(await mine.PostSecurityAsync("SignOutEverywhere"), Security));

        var result = await other.CodeFlowAsync(name, new AuthorizationRequest());

        var tokens = (await TokenClient.For(app).RedeemAsync(result)).EnsureSuccess();
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
    }

    [Fact]
    public async Task When_the_last_second_factor_is_not_recent_the_post_first_asks_for_one_and_nothing_is_revoked_yet()
    {
        var name = NewName("stalesignout");
        var user = await app.CreateUserAsync(name);
        var tokens = TokenClient.For(app);
        var other = app.NewBrowser();
        var otherTokens = (await tokens.RedeemAsync(await other.CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess();
        app.Clock.Advance(ResendCooldown);
        var mine = app.NewBrowser();
        Assert.True(Browser.IsRedirectTo(await mine.SignInAsync(name), "/"));
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var stampBefore = await SecurityStampAsync(user.Id);

        var response = await mine.PostSecurityAsync("SignOutEverywhere");

        Assert.True(Browser.IsRedirectTo(response, Challenge), Describe(response));
        Assert.Equal(stampBefore, await SecurityStampAsync(user.Id));
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "session.sign_out_everywhere")));
        otherTokens = (await tokens.RefreshAsync(otherTokens.RefreshToken)).EnsureSuccess();

        // The code, back to the page, and the same button again: now it happens.
        var challenge = await mine.PageAsync(Challenge);
        var verified = await mine.VerifyAsync(challenge, app.Messages.CodeSentTo(EmailOf(name)));
        Assert.True(Browser.IsRedirectTo(verified, Security), Describe(verified));
        var done = await mine.PostSecurityAsync("SignOutEverywhere");

        Assert.True(Browser.IsRedirectTo(done, Security), Describe(done));
        Assert.NotEqual(stampBefore, await SecurityStampAsync(user.Id));
        Assert.Equal("invalid_grant", (await tokens.RefreshAsync(otherTokens.RefreshToken)).Error);
    }

    private Task<string?> SecurityStampAsync(string userId) =>
        app.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync());
}
