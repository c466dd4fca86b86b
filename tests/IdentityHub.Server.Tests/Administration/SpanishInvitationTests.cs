using IdentityHub.Server.Texts;
using IdentityHub.Server.Tests.Infrastructure;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;
using static IdentityHub.Server.Tests.Infrastructure.StrongFactorSteps;

namespace IdentityHub.Server.Tests.Administration;

/// <summary>
/// An invitee whose browser asks for Spanish accepts the invitation in Spanish (issue 17): the welcome, the
/// username and password rules, every refusal, and the terms page, each with <c>lang="es"</c>.
/// </summary>
public sealed class SpanishInvitationTests(SignUpApp fixture) : IClassFixture<SignUpApp>
{
    private const string Spanish = "es-US,es;q=0.9";

    private readonly IdentityHubApp app = fixture.App;

    [Fact]
    public async Task An_invitee_accepts_the_invitation_and_signs_the_terms_in_Spanish()
    {
        var invited = await fixture.InviteAsync();
        var existing = await app.CreateUserAsync(NewName("tomado"));
        var browser = app.NewBrowser(Spanish);

        var page = await HtmlPage.ReadAsync(await browser.GetAsync(invited.Link));
        AssertSpanish(page);
        Assert.Equal("Cree su cuenta", page.TextAt("h1"));
        Assert.Equal($"Bienvenido(a), Rosa Diaz. Lo invitaron a unirse a {invited.OrganizationName}.", page.TextAt("#invitation-for"));
        Assert.Equal("Nombre de usuario", page.LabelOf(page.One("#Username")));
        Assert.Equal("Hasta 64 caracteres. Puede usar letras, números, espacios y . - _ @", page.TextAt("#username-hint"));
        Assert.Contains("Al menos 8 caracteres", page.TextAt("#password-rules"));
        Assert.Equal("Crear mi cuenta", page.TextAt("#create-account"));

        var mistyped = await HtmlPage.ReadAsync(await browser.SubmitAsync(invited.Link, Form("rosa;diaz?", confirm: "otra cosa distinta")));
        AssertSpanish(mistyped);
        Assert.Equal("Un nombre de usuario no puede contener estos caracteres: ; ?", mistyped.TextAt("#username-error"));
        Assert.Equal("Las dos contraseñas no son iguales.", mistyped.TextAt("#confirm-password-error"));

        var weak = await HtmlPage.ReadAsync(await browser.SubmitAsync(invited.Link, Form(NewName("rosa"), password: "sunshine")));
        Assert.Equal("Esta contraseña es muy común y fácil de adivinar. Elija otra.", weak.TextAt("#password-error"));

        var taken = await HtmlPage.ReadAsync(await browser.SubmitAsync(invited.Link, Form(existing.UserName!)));
        Assert.Equal(Words.Spanish<RuleText>("UsernameRule.Taken"), taken.TextAt("#username-error"));

        var created = await browser.SubmitAsync(invited.Link, Form(NewName("rosa")));
        Assert.True(Browser.IsRedirectTo(created, Enroll), Describe(created) + " " + await created.TextAsync());

        var step = await browser.EnrollAsync(app, "Email", new Dictionary<string, string> { ["Email"] = invited.Email }, invited.Email);
        var signedTerms = false;
        for (var i = 0; i < 5 && !Browser.IsRedirectTo(step, "/account/portal"); i++)
        {
            if (Browser.IsRedirectTo(step, "/account/terms"))
            {
                var termsHtml = await browser.PageAsync("/account/terms");
                var terms = HtmlPage.Parse(termsHtml);
                AssertSpanish(terms);
                Assert.Equal("Acepto", terms.TextAt("#accept-terms"));
                Assert.Equal("Nombre", terms.LabelOf(terms.One("#FirstName")));
                var wrongName = await HtmlPage.ReadAsync(await browser.PostPageFormAsync(termsHtml, "/account/terms",
                    new Dictionary<string, string> { ["FirstName"] = "Rosa", ["LastName"] = "Otra" }));
                Assert.Equal(Words.Spanish<RecoveryText>("AcceptTerms.NameMismatch"), wrongName.TextAt("#terms-error"));
                step = await browser.PostPageFormAsync(termsHtml, "/account/terms", new Dictionary<string, string> { ["FirstName"] = "Rosa", ["LastName"] = "Diaz" });
                signedTerms = true;
            }
            else if (Browser.IsRedirectTo(step, RecoveryCodesPage))
            {
                step = await browser.ConfirmRecoveryCodesSavedAsync(await browser.PageAsync(RecoveryCodesPage));
            }
            else
            {
                Assert.Fail("Unexpected step: " + Describe(step));
            }
        }

        Assert.True(signedTerms, "The terms were not asked for.");
        Assert.True(Browser.IsRedirectTo(step, "/account/portal"), Describe(step));
    }

    [Fact]
    public async Task A_link_that_no_longer_works_says_so_in_Spanish()
    {
        var page = await HtmlPage.ReadAsync(await app.NewBrowser(Spanish).GetAsync("/account/invitation?code=nada"));

        AssertSpanish(page);
        Assert.Equal("Este enlace ya no funciona", page.TextAt("h1"));
        Assert.Equal(Words.Spanish<RecoveryText>("InvitationPage.Unusable"), page.TextAt("#invitation-unusable"));
        Assert.Equal("inicie sesión", page.TextAt("#go-to-sign-in"));
    }

    private static void AssertSpanish(HtmlPage page) => Assert.Equal("es", page.One("html").GetAttribute("lang"));

    private static Dictionary<string, string> Form(string userName, string password = TestUsers.Password, string? confirm = null) => new()
    {
        ["Username"] = userName,
        ["Password"] = password,
        ["ConfirmPassword"] = confirm ?? password,
    };
}
