using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IdentityHub.Server.Tests.Infrastructure;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Hardening;

/// <summary>
/// Inputs that once answered 500 (O6): a form in a character set IdentityHub does not read, a checkbox
/// with a value that is not a boolean, and NUL or other control characters in protocol parameters,
/// which PostgreSQL refuses to store or compare. Each now gets a clear refusal.
/// </summary>
public sealed class BadInputTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Utf7Form = "application/x-www-form-urlencoded; charset=utf-7";

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/forgot-username")]
    [InlineData("/account/signout")]
    [InlineData("/account/mfa/challenge?handler=Verify")]
    public async Task A_page_form_in_an_unknown_charset_is_refused_with_415(string path)
    {
        var response = await app.CreateClient().PostAsync(path, Form("Input.Username=rosa&Input.Password=x", Utf7Form));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal("This request cannot be read", page.TextAt("h1"));
        Assert.Contains("UTF-8", page.TextAt("#error-message"));
    }

    [Theory]
    [InlineData("/connect/token")]
    [InlineData("/connect/introspect")]
    [InlineData("/connect/revoke")]
    public async Task A_protocol_form_in_an_unknown_charset_gets_invalid_request(string path)
    {
        var response = await app.CreateClient().PostAsync(path, Form("grant_type=client_credentials&client_id=" + TestClients.Integration, Utf7Form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
        Assert.Contains("UTF-8", json.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task An_authorization_request_posted_in_an_unknown_charset_gets_the_error_page()
    {
        var response = await app.CreateClient().PostAsync("/connect/authorize", Form("client_id=" + TestClients.Portal + "&response_type=code", Utf7Form));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("This request cannot be read", (await HtmlPage.ReadAsync(response)).TextAt("h1"));
    }

    [Fact]
    public async Task A_token_request_whose_content_type_does_not_parse_gets_invalid_request()
    {
        var response = await app.CreateClient().PostAsync("/connect/token", Form("grant_type=client_credentials", "application/x-www-form-urlencoded;;;"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("us-ascii")]
    public async Task A_form_in_UTF_8_or_ASCII_is_read(string charset)
    {
        var response = await app.CreateClient().PostAsync("/connect/token",
            Form($"grant_type=client_credentials&scope={TestClients.ApiScope}&client_id={TestClients.Integration}&client_secret={TestClients.IntegrationSecret}",
                "application/x-www-form-urlencoded; charset=" + charset));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_remember_device_value_that_is_not_a_boolean_counts_as_unticked_and_the_page_shows_again()
    {
        var name = NewName("checkbox");
        await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        var challenge = await browser.PasswordToChallengeAsync(name);

        var wrong = await browser.PostPageFormAsync(challenge, Challenge + "?handler=Verify",
            new Dictionary<string, string> { ["Code"] = WrongCode(app.Messages.CodeSentTo(EmailOf(name))), ["RememberDevice"] = "x" });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var page = await HtmlPage.ReadAsync(wrong);
        Assert.False(string.IsNullOrWhiteSpace(page.TextAt("#code-error")));
        Assert.False(page.One("input[type=checkbox][name=RememberDevice]").HasAttribute("checked"));

        var right = await browser.PostPageFormAsync(await wrong.Content.ReadAsStringAsync(), Challenge + "?handler=Verify",
            new Dictionary<string, string> { ["Code"] = app.Messages.CodeSentTo(EmailOf(name)), ["RememberDevice"] = "x" });

        Assert.True(Browser.IsRedirectTo(right, "/"), Describe(right));
        Assert.Null(browser.CookieValue(DeviceCookie));
    }

    [Theory]
    [InlineData("/connect/authorize?client_id=%00")]
    [InlineData("/connect/authorize?client_id=test-portal%00&response_type=code")]
    [InlineData("/connect/authorize?client_id=test-portal&scope=openid%00profile&response_type=code&redirect_uri=https%3A%2F%2Fportal.test%2Fsignin-oidc")]
    [InlineData("/connect/authorize?client_id=test%01portal")]
    [InlineData("/connect/endsession?client_id=%00")]
    [InlineData("/connect/endsession?client_id=test-portal&post_logout_redirect_uri=https%3A%2F%2Fportal.test%2Fsigned-out%00")]
    [InlineData("/account/login?ReturnUrl=%00")]
    [InlineData("/account/forgot-username?x%00=1")]
    public async Task A_control_character_in_a_browser_request_gets_the_error_page(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {response.Headers.Location}");
        Assert.Null(response.Headers.Location);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal("This request cannot be read", page.TextAt("h1"));
        Assert.Contains("control character", page.TextAt("#error-message"));
    }

    // ASP.NET Core's form reader already refuses these (unreadable: UnreadableRequests); they stay here as a guard.
    [Theory]
    [InlineData("grant_type=client_credentials&client_id=%00")]
    [InlineData("grant_type=client_credentials&client_id=claims-integration&scope=portal-api%00")]
    [InlineData("grant_type=client_credentials&client_id=claims%1Bintegration")]
    [InlineData("grant_type=refresh_token&client_id=public-portal&refresh_token=abc%00def")]
    public async Task A_control_character_in_a_token_request_gets_invalid_request(string body)
    {
        var response = await app.CreateClient().PostAsync("/connect/token", Form(body, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("claims-integration\0")]
    [InlineData("claims\u0007integration")]
    public async Task A_control_character_in_a_Basic_client_id_gets_invalid_request(string clientId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = Form("grant_type=client_credentials&scope=portal-api", "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(clientId) + ":" + TestClients.IntegrationSecret)));

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_NUL_in_a_sign_in_form_field_gets_the_error_page()
    {
        var browser = app.NewBrowser();

        var response = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Username"] = "rosa\0", ["Input.Password"] = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This request cannot be read", (await HtmlPage.ReadAsync(response)).TextAt("h1"));
    }

    [Fact]
    public async Task Tabs_and_line_breaks_in_a_page_form_are_still_read()
    {
        var browser = app.NewBrowser();

        var response = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Username"] = "rosa\t\r\n", ["Input.Password"] = "wrong password" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await HtmlPage.ReadAsync(response)).TextAt("#sign-in-error")));
    }

    // Found by the fuzz test (FuzzTests): each of these answered 500.
    [Theory]
    [InlineData("POST", "/account/forgot-password/verify")]
    [InlineData("PUT", "/account/forgot-password/verify")]
    [InlineData("PAGE", "/account/mfa/challenge?handler=HandlerExecution")]
    public async Task A_form_sent_to_a_page_without_that_handler_gets_400_and_the_error_page(string method, string url)
    {
        var browser = app.NewBrowser();
        var token = Browser.AntiforgeryToken(await browser.PageAsync("/account/login"));
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { [HtmlPage.AntiforgeryField] = token, ["context.Result"] = "x" });
        }

        var response = await browser.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("an action this page does not have", (await HtmlPage.ReadAsync(response)).TextAt("#error-message"));
    }

    // A guard rather than a fix: the form is now read before antiforgery does (ControlCharacters), and a
    // truncated multipart body must stay a 400 there too.
    [Fact]
    public async Task A_multipart_body_that_ends_early_gets_400()
    {
        var browser = app.NewBrowser();
        var token = Browser.AntiforgeryToken(await browser.PageAsync("/account/login"));

        var response = await browser.Http.PostAsync("/account/forgot-password/done",
            Form("x=1&" + HtmlPage.AntiforgeryField + "=" + Uri.EscapeDataString(token), "multipart/form-data; boundary=x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This request cannot be read", (await HtmlPage.ReadAsync(response)).TextAt("h1"));
    }

    private static StringContent Form(string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}
