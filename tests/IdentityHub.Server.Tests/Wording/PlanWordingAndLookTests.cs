using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Wording;

/// <summary>
/// A plan's own words and look (M5) without a code change: texts replaced per language for the deployment
/// and per portal, its name, logo, colours, help desk and notices on every page.
/// </summary>
public sealed class PlanWordingAndLookTests : IAsyncLifetime, IDisposable
{
    private const string Logo = """<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#2b4d1f"/></svg>""";
    private readonly string _logoPath = Path.Combine(Path.GetTempPath(), $"plan-logo-{Guid.NewGuid():N}.svg");
    private readonly IdentityHubApp _app = new();

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_logoPath, Logo);
        _app.With("IdentityHub:Wording:Texts:en:Brand.Name", "Sunrise Health Plan")
            .With("IdentityHub:Wording:Texts:es:Brand.Name", "Plan de Salud Sunrise")
            .With("IdentityHub:Wording:Texts:en:Login.Submit", "Log on")
            .With("IdentityHub:Wording:Texts:es:Login.Submit", "Entrar")
            .With("IdentityHub:Wording:Texts:en:HelpDesk.Hours", "Monday to Friday, 8 a.m. to 6 p.m. Eastern time.")
            .With($"IdentityHub:Wording:Portals:{TestClients.Portal}:en:Login.Title", "Sign in to the Provider Portal")
            .With("IdentityHub:Mfa:HelpDeskPhone", "1-800-555-0100")
            .With("IdentityHub:Branding:Logo", _logoPath)
            .With("IdentityHub:Branding:Colors:Primary", "#2b4d1f")
            .With("IdentityHub:Branding:Colors:PrimaryHover", "#1d3514")
            .With("IdentityHub:Branding:Links:Privacy", "https://plan.example/privacy")
            .With("IdentityHub:Branding:Links:NonDiscrimination", "/notices/nondiscrimination")
            .With("IdentityHub:Branding:Taglines:0:Language", "vi")
            .With("IdentityHub:Branding:Taglines:0:Text", "CHÚ Ý: Nếu bạn nói Tiếng Việt, có các dịch vụ hỗ trợ ngôn ngữ miễn phí dành cho bạn.")
            .With($"IdentityHub:Branding:Portals:{TestClients.Portal}:Colors:Primary", "#5a2d82");
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        File.Delete(_logoPath);
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_plans_words_replace_the_texts_in_each_language()
    {
        var english = await PageAsync(_app.NewBrowser(), "/account/login");
        var spanish = await PageAsync(_app.NewBrowser("es-US"), "/account/login");

        Assert.Equal("Log on", english.TextAt("#sign-in"));
        Assert.Equal("Entrar", spanish.TextAt("#sign-in"));
        Assert.Equal("Sunrise Health Plan", english.TextAt("#brand"));
        Assert.Equal("Plan de Salud Sunrise", spanish.TextAt("#brand"));
        Assert.Equal("Sign in - Sunrise Health Plan", english.Document.Title);
        Assert.NotNull(spanish.FieldLabelled("Contraseña"));
    }

    [Fact]
    public async Task A_portals_words_apply_on_its_pages_only()
    {
        var returnUrl = Uri.EscapeDataString($"/connect/authorize?client_id={TestClients.Portal}&response_type=code");

        var forPortal = await PageAsync(_app.NewBrowser(), "/account/login?ReturnUrl=" + returnUrl);
        var plain = await PageAsync(_app.NewBrowser(), "/account/login");

        Assert.Equal("Sign in to the Provider Portal", forPortal.TextAt("h1"));
        Assert.Equal("Sign in", plain.TextAt("h1"));
        Assert.Equal("Log on", forPortal.TextAt("#sign-in"));
    }

    [Fact]
    public async Task The_portal_an_authorization_request_named_keeps_its_words_for_the_whole_sign_in()
    {
        var browser = _app.NewBrowser();
        await browser.FollowAsync(await browser.AuthorizeAsync(new AuthorizationRequest()));

        var login = await PageAsync(browser, "/account/login");

        Assert.Equal("Sign in to the Provider Portal", login.TextAt("h1"));
        Assert.Contains($"portal={TestClients.Portal}", login.One("link[href^='/branding/colors.css']").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_colours_come_from_a_stylesheet_per_portal()
    {
        var client = _app.CreateClient();

        var deployment = await client.GetAsync("/branding/colors.css");
        var portal = await (await client.GetAsync($"/branding/colors.css?portal={TestClients.Portal}")).Content.ReadAsStringAsync();

        Assert.Equal("text/css", deployment.Content.Headers.ContentType?.MediaType);
        var css = await deployment.Content.ReadAsStringAsync();
        Assert.Contains("--brand: #2b4d1f;", css, StringComparison.Ordinal);
        Assert.Contains("--on-brand: #ffffff;", css, StringComparison.Ordinal);
        Assert.Contains("--brand: #5a2d82;", portal, StringComparison.Ordinal);
        Assert.Contains("--brand-dark: #1d3514;", portal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_header_shows_the_logo_and_the_footer_the_help_desk_notices_and_taglines()
    {
        var page = await PageAsync(_app.NewBrowser(), "/account/login");

        var logo = page.One("#brand img.logo");
        var image = await _app.CreateClient().GetAsync(logo.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Logo, await image.Content.ReadAsStringAsync());

        Assert.Equal("Need help? Call 1-800-555-0100. Monday to Friday, 8 a.m. to 6 p.m. Eastern time.", page.TextAt("#site-help-desk"));
        Assert.Equal("tel:18005550100", page.One("#site-help-desk a").GetAttribute("href"));
        var notices = page.All("footer nav a").Select(link => (link.TextContent, link.GetAttribute("href"))).ToList();
        Assert.Equal([("Privacy policy", "https://plan.example/privacy"), ("Nondiscrimination notice and language help", "/notices/nondiscrimination")], notices);
        Assert.Equal("vi", page.One("footer .tagline-notice").GetAttribute("lang"));
    }

    private static async Task<HtmlPage> PageAsync(Browser browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ReadAsync(response);
    }
}
