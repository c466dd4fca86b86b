using System.Net;
using IdentityHub.Admin.Texts;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>The console in English and Spanish (A14): the browser's language, the switch on every page, the administrator's saved language.</summary>
public sealed class ConsoleLanguageTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    private const string Spanish = "es-US,es;q=0.9";

    [Fact]
    public async Task An_administrator_whose_browser_asks_for_Spanish_walks_the_console_in_Spanish()
    {
        var organization = await hosts.OrganizationAsync("Clínica del Valle");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var browser = new ConsoleBrowser(hosts, Spanish);

        var home = await HtmlPage.ReadAsync(await browser.SignInAsync(administrator));

        Assert.Equal("es", home.One("html").GetAttribute("lang"));
        Assert.StartsWith("Ha iniciado sesión como", home.TextAt("#signed-in-as"), StringComparison.Ordinal);
        Assert.Contains("administrador principal de su organización", home.TextAt("#signed-in-as"), StringComparison.Ordinal);
        Assert.Equal("Su organización: Clínica del Valle", home.TextAt("#your-organization"));
        Assert.Equal("Administración", home.TextAt("header .tagline"));
        Assert.True(home.Has("nav[aria-label='Administración']"));
        Assert.Equal("Cerrar sesión", home.TextAt("#sign-out"));
        Assert.Equal("View this page in English", home.TextAt("#language-switch"));
        Assert.True(home.Has("link[rel=stylesheet][href='/branding/colors.css']"));

        var invited = await browser.FollowAsync(await browser.SubmitAsync("/Invitations/Invite", "send-invitation", new Dictionary<string, string>
        {
            ["Input.GivenName"] = "Lucía",
            ["Input.FamilyName"] = "Méndez",
            ["Input.Email"] = "lucia.mendez@valle.example",
        }));
        var invitations = await HtmlPage.ReadAsync(invited);
        Assert.Equal("es", invitations.One("html").GetAttribute("lang"));
        Assert.Equal("Sus invitaciones", invitations.TextAt("h1"));
        Assert.StartsWith("Listo: Se invitó a Lucía Méndez", invitations.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Contains("Número de referencia:", invitations.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.StartsWith("Funciona hasta el ", invitations.TextAt("#invitations tbody td:nth-of-type(2)"), StringComparison.Ordinal);

        var people = await HtmlPage.ReadAsync(await browser.GetAsync("/People"));
        Assert.Equal("Personas", people.TextAt("h1"));
        Assert.Equal("1 persona, página 1 de 1", people.TextAt("#people caption"));
        Assert.Equal("Administrador principal", people.TextAt("#people tbody td:nth-of-type(3)"));
        Assert.Equal("Activa", people.TextAt("#people tbody td:nth-of-type(4)"));

        var person = await HtmlPage.ReadAsync(await browser.GetAsync($"/People/{administrator.Id}"));
        Assert.Equal("Nombre de usuario", HtmlPage.TextContent(person.All("#person dt")[0]));
        Assert.True(person.Has("#account-actions"));
        Assert.DoesNotContain("Account actions", person.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_saves_the_administrators_language_and_their_next_sign_in_starts_in_it()
    {
        var administrator = await hosts.PersonAsync(AdministrativeRole.HelpDesk, organizationId: null);
        var browser = new ConsoleBrowser(hosts);
        var home = await browser.SignInAsync(administrator);
        var english = await home.Content.ReadAsStringAsync();
        Assert.Equal("en", HtmlPage.Parse(english).One("html").GetAttribute("lang"));

        var switched = await browser.PostFormOnAsync(english, "/", "language-switch", new Dictionary<string, string> { ["language"] = "es" });

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/", switched.Headers.Location!.OriginalString);
        var spanish = await HtmlPage.ReadAsync(await browser.FollowAsync(switched));
        Assert.Equal("es", spanish.One("html").GetAttribute("lang"));
        Assert.Contains("miembro de la Mesa de Ayuda", spanish.TextAt("#signed-in-as"), StringComparison.Ordinal);
        Assert.Equal("es", await hosts.InDatabaseAsync(db => db.Users.Where(u => u.Id == administrator.Id).Select(u => u.PreferredLanguage).SingleAsync()));

        // Another computer, a browser that asks for nothing: the console's sign-in brings the saved language back.
        var elsewhere = new ConsoleBrowser(hosts);
        var signedIn = await HtmlPage.ReadAsync(await elsewhere.SignInAsync(administrator));
        Assert.Equal("es", signedIn.One("html").GetAttribute("lang"));
        Assert.Equal(Words.Spanish<ConsoleText>("ConsoleHome.Heading"), signedIn.TextAt("h1"));
    }

    [Fact]
    public async Task The_switch_on_the_signed_out_page_changes_the_page_and_saves_nothing()
    {
        var browser = new ConsoleBrowser(hosts);
        var page = await browser.GetAsync("/signed-out");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(Words.English<ConsoleText>("ConsoleSignedOut.Heading"), HtmlPage.Parse(html).TextAt("h1"));

        var switched = await browser.FollowAsync(await browser.PostFormOnAsync(html, "/signed-out", "language-switch", new Dictionary<string, string> { ["language"] = "es" }));

        var spanish = await HtmlPage.ReadAsync(switched);
        Assert.Equal("/signed-out", ConsoleBrowser.PathOf(switched));
        Assert.Equal("es", spanish.One("html").GetAttribute("lang"));
        Assert.Equal("Usted cerró sesión", spanish.TextAt("h1"));
        Assert.Equal("Iniciar sesión", spanish.TextAt("#sign-in-again"));
    }
}
