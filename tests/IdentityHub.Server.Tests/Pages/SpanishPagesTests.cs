using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;

namespace IdentityHub.Server.Tests.Pages;

/// <summary>The error, consent, sign-out and home pages in Spanish for a browser that asks for it (A14).</summary>
public sealed class SpanishPagesTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Spanish = "es-US,es;q=0.9";

    [Fact]
    public async Task A_missing_page_says_so_in_Spanish()
    {
        var response = await app.NewBrowser(Spanish).GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("No se encontró la página", page.TextAt("h1"));
        Assert.Equal("La página que pidió no existe.", page.TextAt("#error-message"));
        Assert.Contains("Vuelva al portal de su plan de salud e inténtelo de nuevo.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Go back", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_sign_in_request_is_explained_in_Spanish_with_the_technical_description_marked_English()
    {
        var response = await (await SignedInAsync(Spanish)).AuthorizeAsync(new AuthorizationRequest { ClientId = "no-such-portal" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Words.Spanish<SignInText>("Error.Protocol.Heading"), page.TextAt("h1"));
        Assert.Equal(Words.Spanish<SignInText>("Error.Protocol.Details"), page.TextAt("#error-details"));
        Assert.Equal("The specified 'client_id' is invalid.", page.TextAt("#error-message"));
        Assert.Equal("en", page.One("#error-message").GetAttribute("lang"));
        Assert.Equal("Código de error: invalid_request", page.One("#error-code").ParentElement!.TextContent.Trim());
    }

    [Fact]
    public async Task The_error_page_in_English_marks_no_part_as_another_language()
    {
        var response = await app.NewBrowser().GetAsync("/no-such-page");

        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Page not found", page.TextAt("h1"));
        Assert.False(page.One("#error-message").HasAttribute("lang"));
    }

    [Fact]
    public async Task The_consent_page_asks_in_Spanish_and_describes_each_scope_in_Spanish()
    {
        var browser = await SignedInAsync(Spanish);
        var request = new AuthorizationRequest { ClientId = TestClients.ThirdParty, Scope = "openid profile email " + TestClients.ApiScope };

        var response = await browser.AuthorizeAsync(request);
        Assert.True(Browser.IsRedirectTo(response, "/connect/consent"), response.Headers.Location?.ToString());
        var page = HtmlPage.Parse(await (await browser.GetAsync(response.Headers.Location!.OriginalString)).Content.ReadAsStringAsync());

        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("¿Permite que third-party-app (test) use su cuenta?", page.TextAt("h1"));
        Assert.Equal("third-party-app (test)", page.TextAt("#client-name"));
        Assert.Equal(
            ["Confirmar quién es usted", "Ver su nombre y su nombre de usuario", "Ver su dirección de correo electrónico",
             $"Usar el servicio \"{TestClients.ApiScope}\" en su nombre"],
            page.All("#scopes label").Select(label => label.QuerySelector("span")!).Select(item => item.TextContent.Trim()));
        Assert.Equal("Permitir", page.TextAt("#allow"));
        Assert.Equal("No permitir", page.TextAt("#deny"));
    }

    [Fact]
    public async Task Signing_out_and_the_home_page_speak_Spanish()
    {
        var browser = await SignedInAsync(Spanish);

        var home = HtmlPage.Parse(await browser.PageAsync("/"));
        Assert.Equal("Inició sesión como Rosa Ramirez.", home.One("#signed-in-as").ParentElement!.TextContent.Trim());
        var signOut = HtmlPage.Parse(await browser.PageAsync("/account/signout"));
        Assert.Equal("Cerrar sesión", signOut.TextAt("h1"));
        Assert.Equal("Sí, cerrar sesión", signOut.TextAt("#confirm-sign-out"));

        var signedOut = await browser.FollowAsync(await browser.SubmitAsync("/account/signout", new Dictionary<string, string>()));
        var page = await HtmlPage.ReadAsync(signedOut);
        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Su sesión está cerrada", page.TextAt("h1"));
    }

    private async Task<Browser> SignedInAsync(string language)
    {
        var user = await app.CreateUserAsync("spanish-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser(language);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.UserName!)).StatusCode);
        return browser;
    }
}
