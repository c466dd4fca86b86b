using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Sessions;

public sealed class SignInAttemptApp : IAsyncLifetime
{
    public IdentityHubApp App { get; } = new();

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>The sign-in in progress between the password and the session lives in a protected cookie for 30 minutes from its last step.</summary>
public sealed class SignInAttemptTests(SignInAttemptApp fixture) : IClassFixture<SignInAttemptApp>
{
    private readonly IdentityHubApp _app = fixture.App;

    [Fact]
    public async Task An_attempt_left_for_thirty_minutes_after_its_last_step_sends_the_person_back_to_sign_in()
    {
        var name = NewName("stale");
        await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(new AuthorizationRequest()));

        _app.Clock.Advance(TimeSpan.FromMinutes(29));
        var stillThere = await browser.GetAsync(Challenge);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);

        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        var over = await browser.GetAsync(Challenge);
        Assert.True(Browser.IsRedirectTo(over, "/account/login"), Describe(over));
        Assert.Contains("expired=true", over.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_tampered_attempt_cookie_reads_as_no_attempt()
    {
        var name = NewName("tampered");
        await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(new AuthorizationRequest()));
        var value = browser.CookieValue(AttemptCookie)!;

        browser.PutCookies([new Cookie(AttemptCookie, value[..^4] + (value[^4..] == "AAAA" ? "BBBB" : "AAAA"))]);
        var response = await browser.GetAsync(Challenge);

        Assert.True(Browser.IsRedirectTo(response, "/account/login"), Describe(response));
    }
}
