using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.Net.Http.Headers;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Hardening;

/// <summary>
/// Cookies outside Development (O6): every cookie the server sets is Secure and HttpOnly, has no Domain,
/// and carries the <c>__Host-</c> prefix (<c>__Secure-</c> when scoped to a path), so neither a plain-HTTP
/// page nor a subdomain can set or shadow it.
/// </summary>
public sealed class HardenedCookieTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task The_antiforgery_cookie_is_a_secure_host_cookie()
    {
        var response = await app.NewBrowser().GetAsync("/account/login");

        var cookie = Assert.Single(SetCookies(response));
        Assert.Equal("__Host-IdentityHub.Antiforgery", cookie.Name.Value);
        AssertHostCookie(cookie);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
    }

    [Fact]
    public async Task The_sign_in_attempt_the_session_and_the_remembered_device_are_secure_host_cookies()
    {
        var user = await app.CreateUserAsync(NewName("cookies"));
        var browser = app.NewBrowser();

        var password = await browser.SubmitPasswordAsync(user.UserName!);
        var attempt = SetCookies(password).Single(cookie => cookie.Name == AttemptCookie);
        AssertHostCookie(attempt);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, attempt.SameSite);

        var challenge = await browser.PageAsync(Challenge);
        var verified = await browser.PostPageFormAsync(challenge, Challenge + "?handler=Verify", new Dictionary<string, string>
        {
            ["Code"] = app.Messages.CodeSentTo(EmailOf(user.UserName!)),
            ["RememberDevice"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        var issued = SetCookies(verified).Where(cookie => cookie.Expires is null || cookie.Expires > DateTimeOffset.UtcNow).ToList();

        Assert.Contains(issued, cookie => cookie.Name == "__Host-IdentityHub.Session");
        Assert.Contains(issued, cookie => cookie.Name == DeviceCookie);
        Assert.All(issued, AssertHostCookie);
        Assert.All(browser.Cookies.GetAllCookies(), cookie =>
        {
            Assert.StartsWith("__Host-", cookie.Name, StringComparison.Ordinal);
            Assert.True(cookie.Secure && cookie.HttpOnly, $"{cookie.Name}: Secure {cookie.Secure}, HttpOnly {cookie.HttpOnly}");
        });
    }

    [Fact]
    public async Task A_path_scoped_cookie_is_secure_with_the_secure_prefix()
    {
        var browser = app.NewBrowser();

        var response = await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string>
        {
            ["Input.Username"] = NewName("nobody"),
            ["Input.Email"] = "nobody@clinic.example",
        });

        var reset = SetCookies(response).Single(cookie => cookie.Name.Value!.Contains("PasswordReset", StringComparison.Ordinal));
        Assert.Equal("__Secure-IdentityHub.PasswordReset", reset.Name.Value);
        Assert.True(reset.Secure && reset.HttpOnly);
        Assert.Equal("/account/forgot-password", reset.Path.Value);
        Assert.True(reset.Domain.HasValue is false);
    }

    private static void AssertHostCookie(SetCookieHeaderValue cookie)
    {
        Assert.StartsWith("__Host-", cookie.Name.Value, StringComparison.Ordinal);
        Assert.True(cookie.Secure, $"{cookie.Name} is not Secure");
        Assert.True(cookie.HttpOnly, $"{cookie.Name} is not HttpOnly");
        Assert.Equal("/", cookie.Path.Value);
        Assert.False(cookie.Domain.HasValue, $"{cookie.Name} names a Domain");
    }

    private static IList<SetCookieHeaderValue> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? SetCookieHeaderValue.ParseList([.. values]) : [];
}
