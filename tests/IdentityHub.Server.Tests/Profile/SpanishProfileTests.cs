using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Profile;

/// <summary>The profile page in Spanish (issue 17): its words, a change of email with its code, errors and the country list.</summary>
public sealed class SpanishProfileTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Spanish = "es-US,es;q=0.9";
    private const string ProfilePage = "/account/profile";

    [Fact]
    public async Task A_change_of_email_with_its_code_is_in_spanish()
    {
        var (name, user, browser) = await SignedInAsync("correo");
        var newEmail = NewName("nuevo") + "@example.org";

        var page = HtmlPage.Parse(await browser.PageAsync(ProfilePage));
        Assert.Equal("es", page.One("html").GetAttribute("lang"));
        Assert.Equal("Su perfil", page.TextAt("h1"));
        Assert.Equal($"Su correo electrónico: {EmailOf(name)}", page.TextAt("#current-email"));
        Assert.Equal("Su número de teléfono: (650) 555-2652", page.TextAt("#current-phone"));
        Assert.Equal("Nombre", page.LabelOf(page.One("#GivenName")));

        var start = await browser.PostProfileAsync("Email", new Dictionary<string, string> { ["NewEmail"] = newEmail });
        Assert.True(Browser.IsRedirectTo(start, ProfilePage), Describe(start));
        var code = CapturedMessages.CodeIn(app.Messages.LatestTo(newEmail));
        var pending = HtmlPage.Parse(await browser.PageAsync(ProfilePage));
        Assert.StartsWith("Le enviamos un código a ", pending.TextAt("#profile-notice"));
        Assert.Equal("Confirme su nuevo correo electrónico", pending.TextAt("#pending-heading"));
        Assert.Contains($"Le enviamos un código de {code.Length} dígitos a {pending.TextAt("#pending-destination")}.", pending.TextAt("#pending-change"));

        var wrong = await HtmlPage.ReadAsync(await browser.PostProfileAsync("Verify", new Dictionary<string, string> { ["Code"] = WrongCode(code) }));
        Assert.DoesNotContain("That code is not correct", wrong.Text);
        Assert.Equal("es", wrong.One("html").GetAttribute("lang"));

        var right = await browser.PostProfileAsync("Verify", new Dictionary<string, string> { ["Code"] = code });
        Assert.True(Browser.IsRedirectTo(right, ProfilePage), Describe(right));
        var audited = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.UserId == user.Id && e.Event == "profile.email_changed"));
        var done = HtmlPage.Parse(await browser.PageAsync(ProfilePage));
        Assert.Equal($"Se cambió su correo electrónico. Número de referencia: {audited.Reference}", done.TextAt("#profile-notice"));
        Assert.Equal($"Su correo electrónico: {newEmail}", done.TextAt("#current-email"));
        foreach (var english in new[] { "Your profile", "Email address", "Phone number", "Save name", "Reference number" })
        {
            Assert.DoesNotContain(english, done.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Errors_are_in_spanish()
    {
        var (_, _, browser) = await SignedInAsync("errores");

        var blank = await HtmlPage.ReadAsync(await browser.PostProfileAsync("Name", new Dictionary<string, string> { ["GivenName"] = " ", ["FamilyName"] = new string('x', 101) }));
        Assert.Equal("Escriba su nombre.", blank.TextAt("#profile-error"));
        Assert.Contains("Su apellido puede tener como máximo 100 caracteres.", blank.Text);

        var email = await browser.PostProfileAsync("Email", new Dictionary<string, string> { ["NewEmail"] = "no es un correo" });
        Assert.Equal(HttpStatusCode.OK, email.StatusCode);
        Assert.Equal(Words.Spanish<AccountText>("Profile.EmailInvalid"), (await HtmlPage.ReadAsync(email)).TextAt("#profile-error"));

        var phone = await HtmlPage.ReadAsync(await browser.PostProfileAsync("Phone", new Dictionary<string, string> { ["Country"] = "US", ["NewPhone"] = "12" }));
        Assert.Equal("Escriba un número de teléfono válido para el país que seleccionó.", phone.TextAt("#profile-error"));

        var empty = await HtmlPage.ReadAsync(await browser.PostProfileAsync("Phone", new Dictionary<string, string> { ["Country"] = "US", ["NewPhone"] = "" }));
        Assert.Equal("Escriba un número de teléfono.", empty.TextAt("#profile-error"));

        var noPending = await HtmlPage.ReadAsync(await browser.PostProfileAsync("Verify", new Dictionary<string, string> { ["Code"] = "123456" }));
        Assert.Equal(Words.Spanish<AccountText>("Profile.NoPendingChange"), noPending.TextAt("#profile-error"));
    }

    [Fact]
    public async Task The_country_list_is_in_spanish_with_the_united_states_first_then_by_spanish_name()
    {
        var (_, _, browser) = await SignedInAsync("paises");

        var options = HtmlPage.Parse(await browser.PageAsync(ProfilePage)).All("select[name=Country] option");

        Assert.Equal("Estados Unidos (+1)", HtmlPage.TextContent(options[0]));
        Assert.Equal("US", options[0].GetAttribute("value"));
        Assert.Contains(options, option => option.GetAttribute("value") == "MX" && HtmlPage.TextContent(option) == "México (+52)");
        Assert.Contains(options, option => option.GetAttribute("value") == "DE" && HtmlPage.TextContent(option) == "Alemania (+49)");
        var names = options.Skip(1).Select(HtmlPage.TextContent).ToList();
        Assert.Equal(names.Order(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("es-US"), System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace)), names);
    }

    [Fact]
    public async Task The_enrollment_wizard_shows_the_same_spanish_country_list()
    {
        var name = NewName("inscribir");
        await app.CreateUserAsync(name, enrollEmail: false);
        var browser = app.NewBrowser(Spanish);
        var password = await browser.SubmitPasswordAsync(name, returnUrl: await browser.StartAtPortalAsync(new AuthorizationRequest()));
        Assert.True(Browser.IsRedirectTo(password, Enroll), Describe(password));
        Assert.True(Browser.IsRedirectTo(await browser.ChooseMethodAsync("Sms"), EnrollDestination));

        var options = HtmlPage.Parse(await browser.PageAsync(EnrollDestination)).All("select[name=Country] option");

        Assert.Equal("Estados Unidos (+1)", HtmlPage.TextContent(options[0]));
        Assert.Contains(options, option => option.GetAttribute("value") == "MX" && HtmlPage.TextContent(option) == "México (+52)");
        var missing = await HtmlPage.ReadAsync(await browser.EnterDestinationAsync(new Dictionary<string, string> { ["Country"] = "US", ["Phone"] = "" }));
        Assert.Equal(Words.Spanish<MfaText>("EnrollDestination.PhoneMissing"), missing.TextAt("#destination-error"));
    }

    private async Task<(string Name, Data.Users.IdentityHubUser User, Browser Browser)> SignedInAsync(string prefix)
    {
        var name = NewName(prefix);
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser(Spanish);
        var response = await browser.SignInAsync(name);
        Assert.True(Browser.IsRedirectTo(response, "/"), Describe(response));
        return (name, user, browser);
    }
}
