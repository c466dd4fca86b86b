using System.Net;
using System.Text.Json;
using IdentityHub.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>
/// The steps of the MFA pages as a person walks them (challenge, enrollment wizard, account page),
/// and the few look-ups the MFA tests make in the database and the tokens.
/// </summary>
public static class MfaSteps
{
    public const string Challenge = "/account/mfa/challenge";
    public const string Enroll = "/account/mfa/enroll";
    public const string EnrollDestination = "/account/mfa/enroll/destination";
    public const string EnrollVerify = "/account/mfa/enroll/verify";
    public const string Security = "/account/security";
    // The names outside Development, where every cookie is Secure and prefixed (HardenedCookies).
    public const string AttemptCookie = "__Host-IdentityHub.SignInAttempt";
    public const string DeviceCookie = "__Host-IdentityHub.Device";

    private static readonly Uri Root = new("https://localhost/");

    public static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..6];

    public static string EmailOf(string userName) => userName + "@clinic.example";

    /// <summary>How the pages show a test user's email: first and last character, five stars, the domain.</summary>
    public static string MaskedEmailOf(string userName) => $"{userName[0]}*****{userName[^1]}@clinic.example";

    /// <summary>A code that is certainly not <paramref name="code"/>: every digit moved by one.</summary>
    public static string WrongCode(string code) => new(code.Select(c => (char)('0' + (c - '0' + 1) % 10)).ToArray());

    /// <summary>The page as a person reads it: its text content, entities decoded, whitespace collapsed.</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        (await HtmlPage.ReadAsync(response)).Text;

    public static string Describe(HttpResponseMessage response) => $"{(int)response.StatusCode} {response.Headers.Location}";

    /// <summary>GETs a page that must answer 200 and returns its HTML.</summary>
    public static async Task<string> PageAsync(this Browser browser, string url)
    {
        var response = await browser.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {Describe(response)}: {html}");
        return html;
    }

    /// <summary>The portal sends the browser to authorize; IdentityHub sends it to the sign-in page. Returns the ReturnUrl.</summary>
    public static async Task<string> StartAtPortalAsync(this Browser browser, AuthorizationRequest request)
    {
        var response = await browser.AuthorizeAsync(request);
        Assert.True(Browser.IsRedirectTo(response, "/account/login"), Describe(response));
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query)["ReturnUrl"].ToString();
    }

    /// <summary>The password step, which must lead to the challenge; returns the challenge page (a code has been sent).</summary>
    public static async Task<string> PasswordToChallengeAsync(this Browser browser, string userName, string? returnUrl = null)
    {
        var response = await browser.SubmitPasswordAsync(userName, returnUrl: returnUrl);
        Assert.True(Browser.IsRedirectTo(response, Challenge), Describe(response));
        return await browser.PageAsync(Challenge);
    }

    public static Task<HttpResponseMessage> VerifyAsync(this Browser browser, string challengeHtml, string code, bool rememberDevice = false)
    {
        var fields = new Dictionary<string, string> { ["Code"] = code };
        if (rememberDevice)
        {
            fields["RememberDevice"] = "true";
        }

        return browser.PostPageFormAsync(challengeHtml, Challenge + "?handler=Verify", fields);
    }

    public static Task<HttpResponseMessage> ResendAsync(this Browser browser, string challengeHtml) =>
        browser.PostPageFormAsync(challengeHtml, Challenge + "?handler=Resend", new Dictionary<string, string>());

    public static Task<HttpResponseMessage> UseMethodAsync(this Browser browser, string challengeHtml, string methodId) =>
        browser.PostPageFormAsync(challengeHtml, Challenge + "?handler=UseMethod", new Dictionary<string, string> { ["methodId"] = methodId });

    /// <summary>Follows the redirect back to the authorization request and returns where it sends the browser.</summary>
    public static async Task<AuthorizationResult> BackToPortalAsync(this Browser browser, HttpResponseMessage response, AuthorizationRequest request)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, Describe(response) + " " + await response.Content.ReadAsStringAsync());
        Assert.StartsWith("/connect/authorize", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return AuthorizationResult.From(await browser.Http.GetAsync(response.Headers.Location), request);
    }

    /// <summary>Signs out with the sign-out page's form.</summary>
    public static async Task SignOutAsync(this Browser browser)
    {
        var response = await browser.SubmitAsync("/account/signout", new Dictionary<string, string>());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, Describe(response));
    }

    /// <summary>Enrollment step 1: choose a method (Email, Sms, Voice).</summary>
    public static async Task<HttpResponseMessage> ChooseMethodAsync(this Browser browser, string method)
    {
        var html = await browser.PageAsync(Enroll);
        return await browser.PostPageFormAsync(html, Enroll, new Dictionary<string, string> { ["Method"] = method });
    }

    /// <summary>Enrollment step 2: the email, or Country and Phone.</summary>
    public static async Task<HttpResponseMessage> EnterDestinationAsync(this Browser browser, IDictionary<string, string> fields)
    {
        var html = await browser.PageAsync(EnrollDestination);
        return await browser.PostPageFormAsync(html, EnrollDestination, fields);
    }

    /// <summary>Enrollment step 3: the code sent to the new destination.</summary>
    public static async Task<HttpResponseMessage> EnterEnrollmentCodeAsync(this Browser browser, string code)
    {
        var html = await browser.PageAsync(EnrollVerify);
        return await browser.PostPageFormAsync(html, EnrollVerify, new Dictionary<string, string> { ["Code"] = code });
    }

    /// <summary>The whole wizard: method, destination, the code that arrives at <paramref name="address"/>; returns the last response.</summary>
    public static async Task<HttpResponseMessage> EnrollAsync(this Browser browser, IdentityHubApp app, string method, IDictionary<string, string> destination, string address)
    {
        var chosen = await browser.ChooseMethodAsync(method);
        Assert.True(Browser.IsRedirectTo(chosen, EnrollDestination), Describe(chosen));
        var entered = await browser.EnterDestinationAsync(destination);
        Assert.True(Browser.IsRedirectTo(entered, EnrollVerify), Describe(entered) + " " + await entered.TextAsync());
        return await browser.EnterEnrollmentCodeAsync(app.Messages.CodeSentTo(address));
    }

    /// <summary>Posts one of the account security page's forms (only the antiforgery token and the given fields).</summary>
    public static async Task<HttpResponseMessage> PostSecurityAsync(this Browser browser, string handler, IDictionary<string, string>? fields = null)
    {
        var html = await browser.PageAsync(Security);
        return await browser.PostPageFormAsync(html, Security + "?handler=" + handler, fields ?? new Dictionary<string, string>());
    }

    public static string? CookieValue(this Browser browser, string name) => browser.Cookies.GetCookies(Root)[name]?.Value;

    /// <summary>Copies of every cookie the browser holds now.</summary>
    public static IReadOnlyList<Cookie> SaveCookies(this Browser browser) =>
        browser.Cookies.GetCookies(Root).Select(cookie => new Cookie(cookie.Name, cookie.Value, "/")).ToList();

    public static void PutCookies(this Browser browser, IEnumerable<Cookie> cookies)
    {
        foreach (var cookie in cookies)
        {
            browser.Cookies.Add(Root, new Cookie(cookie.Name, cookie.Value, "/"));
        }
    }

    /// <summary>Reads the database as it is now.</summary>
    public static async Task<T> QueryAsync<T>(this IdentityHubApp app, Func<IdentityHubDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>());
    }

    /// <summary>The reference number the page shows (two groups of four letters or digits).</summary>
    public static string ReferenceOn(string html)
    {
        var page = HtmlPage.Parse(html);
        var reference = page.Find("#reference") is { } element ? HtmlPage.TextContent(element)
            : throw new Xunit.Sdk.XunitException("The page shows no reference number: " + page.Text);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", reference);
        return reference;
    }

    /// <summary>The methods enrollment step 1 offers: the values of its Method choices.</summary>
    public static IReadOnlyList<string> MethodChoices(string enrollHtml) =>
        [.. HtmlPage.Parse(enrollHtml).Controls("Method").Select(choice => choice.GetAttribute("value") ?? "")];

    /// <summary>The methods the account security page lists: each row's method and where codes go.</summary>
    public static IReadOnlyList<(string Method, string SentTo)> MethodsListed(string securityHtml) =>
        [.. HtmlPage.Parse(securityHtml).All("#methods tbody tr")
            .Select(row => row.QuerySelectorAll("td").Select(HtmlPage.TextContent).ToList())
            .Select(cells => (cells[0], cells[1]))];

    /// <summary>Redeems the code like the portal's back end and returns the id token's acr and amr.</summary>
    public static async Task<(string Acr, string[] Amr)> AssuranceAsync(this IdentityHubApp app, AuthorizationResult authorization)
    {
        var tokens = (await TokenClient.For(app, authorization.Request.ClientId).RedeemAsync(authorization)).EnsureSuccess();
        using var payload = JsonDocument.Parse(Base64UrlTextEncoder.Decode(tokens.IdToken.Split('.')[1]));
        var amr = payload.RootElement.GetProperty("amr");
        Assert.Equal(JsonValueKind.Array, amr.ValueKind);
        return (payload.RootElement.GetProperty("acr").GetString()!, amr.EnumerateArray().Select(value => value.GetString()!).ToArray());
    }
}
