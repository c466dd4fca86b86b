using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Throttling;

/// <summary>Code send and verify, forgot username and forgot password: each limited per address and per account (O6).</summary>
public sealed class CodeAndRecoveryLimitTests : IAsyncLifetime
{
    private readonly IdentityHubApp _app = new IdentityHubApp()
        .With("IdentityHub:RateLimits:CodeSendPerAccount:Limit", "2")
        .With("IdentityHub:RateLimits:CodeVerifyPerAccount:Limit", "2")
        .With("IdentityHub:RateLimits:ForgotUsernamePerEmail:Limit", "2")
        .With("IdentityHub:RateLimits:ForgotPasswordPerAddress:Limit", "2")
        .With("IdentityHub:Account:MinimumResponseTime", "00:00:00");

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Requesting_new_codes_past_the_limit_gets_429()
    {
        var user = await _app.CreateUserAsync(MfaSteps.NewName("resender"));
        var browser = _app.NewBrowserFrom("203.0.113.80");
        var html = await browser.PasswordToChallengeAsync(user.UserName!);

        Assert.Equal(HttpStatusCode.OK, (await browser.ResendAsync(html)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.ResendAsync(html)).StatusCode);
        var refused = await browser.ResendAsync(html);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.StartsWith("Too many attempts. Please wait", (await HtmlPage.ReadAsync(refused)).TextAt("#error-message"));
    }

    [Fact]
    public async Task Typing_codes_past_the_limit_gets_429_and_the_window_ends_on_the_clock()
    {
        var user = await _app.CreateUserAsync(MfaSteps.NewName("verifier"));
        var browser = _app.NewBrowserFrom("203.0.113.81");
        var html = await browser.PasswordToChallengeAsync(user.UserName!);
        var code = _app.Messages.CodeSentTo(MfaSteps.EmailOf(user.UserName!));

        Assert.Equal(HttpStatusCode.OK, (await browser.VerifyAsync(html, MfaSteps.WrongCode(code))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.VerifyAsync(html, MfaSteps.WrongCode(code))).StatusCode);
        var refused = await browser.VerifyAsync(html, code);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        _app.Clock.Advance(refused.Headers.RetryAfter!.Delta!.Value);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.VerifyAsync(html, code)).StatusCode);
    }

    [Fact]
    public async Task Forgot_username_past_the_limit_for_one_email_gets_429()
    {
        var email = MfaSteps.NewName("someone") + "@clinic.example";
        for (var i = 0; i < 2; i++)
        {
            var browser = _app.NewBrowserFrom($"203.0.113.{90 + i}");
            Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/account/forgot-username", new Dictionary<string, string> { ["Email"] = email })).StatusCode);
        }

        var refused = await _app.NewBrowserFrom("203.0.113.99").SubmitAsync("/account/forgot-username", new Dictionary<string, string> { ["Email"] = email });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Too many attempts", (await HtmlPage.ReadAsync(refused)).TextAt("h1"));
    }

    [Fact]
    public async Task Forgot_password_past_the_limit_for_one_address_gets_429()
    {
        var browser = _app.NewBrowserFrom("203.0.113.100");
        Task<HttpResponseMessage> StartAsync() => browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string>
        {
            ["Input.Username"] = MfaSteps.NewName("who"), ["Input.Email"] = "who@clinic.example",
        });

        Assert.Equal(HttpStatusCode.Redirect, (await StartAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StartAsync()).StatusCode);
        var refused = await StartAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
    }
}
