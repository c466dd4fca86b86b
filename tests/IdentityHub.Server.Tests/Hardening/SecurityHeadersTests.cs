using System.Net;
using System.Security.Cryptography;
using System.Text;
using IdentityHub.Server.Tests.Infrastructure;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Hardening;

/// <summary>
/// Security headers (O6): every kind of page and protocol response carries the CSP (no framing, no
/// inline script or style), X-Frame-Options, nosniff, no referrer and, on HTTPS outside Development,
/// HSTS; no page has inline script, style or event handlers; userinfo and introspection are never cached.
/// </summary>
public sealed class SecurityHeadersTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task Every_page_kind_sends_the_security_headers_and_no_page_has_inline_script_or_style()
    {
        var visitor = app.NewBrowser();
        var user = await app.CreateUserAsync(NewName("headers"), withRecoveryCodes: false);
        var person = app.NewBrowser();
        var toCodes = await person.SignInAsync(user.UserName!);
        Assert.True(Browser.IsRedirectTo(toCodes, StrongFactorSteps.RecoveryCodesPage), Describe(toCodes));

        var member = await SignedInBrowserAsync();
        var pages = new (string Kind, HttpResponseMessage Response)[]
        {
            ("sign-in", await visitor.GetAsync("/account/login")),
            ("recovery codes (print button)", await person.GetAsync(StrongFactorSteps.RecoveryCodesPage)),
            ("account security", await member.GetAsync(Security)),
            ("consent", await ConsentPageAsync()),
            ("error (refused authorization)", await visitor.GetAsync("/connect/authorize?client_id=nobody&response_type=code")),
            ("not found", await visitor.GetAsync("/no-such-page")),
        };

        foreach (var (kind, response) in pages)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "text/html", $"{kind}: {(int)response.StatusCode} {response.Content.Headers.ContentType}");
            AssertSecurityHeaders(response, kind, expectHsts: true);
            AssertNoInlineCode(HtmlPage.Parse(await response.Content.ReadAsStringAsync()), kind);
        }

        Assert.Equal(HttpStatusCode.OK, pages[0].Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, pages[4].Response.StatusCode);
    }

    [Fact]
    public async Task Discovery_and_other_json_responses_send_the_headers_too()
    {
        var http = app.CreateClient();

        var discovery = await http.GetAsync("/.well-known/openid-configuration");
        var jwks = await http.GetAsync("/.well-known/jwks");

        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        AssertSecurityHeaders(discovery, "discovery", expectHsts: true);
        AssertSecurityHeaders(jwks, "jwks", expectHsts: true);
    }

    [Fact]
    public async Task Userinfo_and_introspection_answers_are_never_cached()
    {
        var browser = app.NewBrowser();
        var user = await app.CreateUserAsync(NewName("nocache"));
        var tokens = (await TokenClient.For(app).RedeemAsync(await browser.CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess();
        var http = app.CreateClient();

        using var userInfoRequest = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo").WithBearer(tokens.AccessToken);
        var userInfo = await http.SendAsync(userInfoRequest);
        var introspection = await http.PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = tokens.AccessToken, ["client_id"] = TestClients.Portal, ["client_secret"] = TestClients.PortalSecret,
        }));

        Assert.Equal(HttpStatusCode.OK, userInfo.StatusCode);
        Assert.Equal(HttpStatusCode.OK, introspection.StatusCode);
        Assert.True(userInfo.Headers.CacheControl?.NoStore, $"userinfo Cache-Control: {userInfo.Headers.CacheControl}");
        Assert.True(introspection.Headers.CacheControl?.NoStore, $"introspection Cache-Control: {introspection.Headers.CacheControl}");
    }

    [Fact]
    public async Task The_form_post_response_mode_still_submits_itself_its_one_script_allowed_by_hash()
    {
        var browser = await SignedInBrowserAsync();
        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["response_mode"] = "form_post" } };

        var response = await browser.AuthorizeAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HtmlPage.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(TestClients.RedirectUri, page.One("form").GetAttribute("action"));
        var script = page.One("script").TextContent;
        var hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script))) + "'";
        var scriptSources = Directive(response, "script-src");
        Assert.Contains(hash, scriptSources);
        Assert.DoesNotContain("'unsafe-inline'", scriptSources);
        AssertSecurityHeaders(response, "form_post", expectHsts: true);
    }

    [Fact]
    public async Task Other_pages_allow_no_inline_script_at_all()
    {
        var response = await app.NewBrowser().GetAsync("/account/login");

        Assert.Equal(["'self'"], Directive(response, "script-src"));
        Assert.Equal(["'self'"], Directive(response, "style-src"));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, string kind, bool expectHsts)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{kind}: no Content-Security-Policy");
        Assert.Single(csp);
        Assert.Equal(["'none'"], Directive(response, "frame-ancestors"));
        Assert.Equal(["'none'"], Directive(response, "object-src"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options", kind));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options", kind));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy", kind));
        if (expectHsts)
        {
            Assert.Equal("max-age=31536000; includeSubDomains", Single(response, "Strict-Transport-Security", kind));
        }
        else
        {
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{kind}: HSTS in Development");
        }
    }

    /// <summary>No script element without src, no style element, no style attribute, no on* handler, no javascript: URL.</summary>
    internal static void AssertNoInlineCode(HtmlPage page, string kind)
    {
        var offending = new List<string>();
        offending.AddRange(page.All("script").Where(script => !script.HasAttribute("src") || script.TextContent.Trim().Length > 0).Select(script => "<script> " + script.TextContent));
        offending.AddRange(page.All("style").Select(_ => "<style>"));
        foreach (var element in page.All("*"))
        {
            offending.AddRange(element.Attributes
                .Where(attribute => attribute.Name == "style" || attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                    || attribute.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                .Select(attribute => $"<{element.LocalName} {attribute.Name}=\"{attribute.Value}\">"));
        }

        Assert.True(offending.Count == 0, $"{kind} has inline code: {string.Join(", ", offending)}");
    }

    internal static string[] Directive(HttpResponseMessage response, string name)
    {
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var directive = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .SingleOrDefault(parts => parts[0] == name)
            ?? throw new Xunit.Sdk.XunitException($"No {name} in the policy: {policy}");
        return directive[1..];
    }

    private static string Single(HttpResponseMessage response, string header, string kind) =>
        response.Headers.TryGetValues(header, out var values) ? Assert.Single(values) : throw new Xunit.Sdk.XunitException($"{kind}: no {header}");

    private async Task<Browser> SignedInBrowserAsync()
    {
        var user = await app.CreateUserAsync(NewName("headers"));
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.UserName!)).StatusCode);
        return browser;
    }

    private async Task<HttpResponseMessage> ConsentPageAsync()
    {
        var browser = await SignedInBrowserAsync();
        var toConsent = await browser.AuthorizeAsync(new AuthorizationRequest { ClientId = TestClients.ThirdParty, Scope = "openid profile" });
        Assert.True(Browser.IsRedirectTo(toConsent, "/connect/consent"), Describe(toConsent));
        return await browser.GetAsync(toConsent.Headers.Location!.OriginalString);
    }
}

/// <summary>The development outbox page (Development only): the headers without HSTS, and no inline code.</summary>
public sealed class DevelopmentHeadersTests
{
    [Fact]
    public async Task The_outbox_page_sends_the_headers_but_no_hsts_and_has_no_inline_code()
    {
        var outbox = Directory.CreateTempSubdirectory("identityhub-outbox");
        try
        {
            await using var app = new IdentityHubApp().InEnvironment("Development")
                .With("IdentityHub:Delivery:Outbox:Enabled", "true")
                .With("IdentityHub:Delivery:Outbox:Folder", outbox.FullName)
                .With("IdentityHub:SeedDemoUser", "false");
            await app.InitializeAsync();

            var response = await app.NewBrowser().GetAsync("/dev/outbox");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["'none'"], SecurityHeadersTests.Directive(response, "frame-ancestors"));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
            SecurityHeadersTests.AssertNoInlineCode(HtmlPage.Parse(await response.Content.ReadAsStringAsync()), "outbox");
        }
        finally
        {
            outbox.Delete(recursive: true);
        }
    }
}
