using IdentityHub.Server.Texts;
using IdentityHub.Server.Tests.Infrastructure;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Account;

/// <summary>
/// A member whose browser asks for Spanish recovers a forgotten username and password entirely in Spanish
/// (issue 17): every page says <c>lang="es"</c>, and the password rules and their refusals are Spanish too.
/// </summary>
public sealed class SpanishRecoveryTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Spanish = "es-US,es;q=0.9";
    private const string Fresh = "una frase de paso nueva y bastante larga";

    [Fact]
    public async Task A_forgotten_username_is_asked_for_and_confirmed_in_Spanish()
    {
        var name = NewName("olvido");
        await app.CreateUserAsync(name);
        var browser = app.NewBrowser(Spanish);

        var form = HtmlPage.Parse(await browser.PageAsync("/account/forgot-username"));
        AssertSpanish(form);
        Assert.Equal(Words.Spanish<RecoveryText>("ForgotUsername.Title"), form.TextAt("h1"));
        Assert.Equal(Words.Spanish<RecoveryText>("ForgotUsername.Email"), form.LabelOf(form.One("#Email")));

        var invalid = await HtmlPage.ReadAsync(await browser.SubmitAsync("/account/forgot-username", new Dictionary<string, string> { ["Email"] = "no es un correo" }));
        Assert.Equal(Words.Spanish<RecoveryText>("Forgot.EmailInvalid"), invalid.TextAt("#email-error"));

        var sent = await HtmlPage.ReadAsync(await browser.SubmitAsync("/account/forgot-username", new Dictionary<string, string> { ["Email"] = EmailOf(name) }));
        AssertSpanish(sent);
        Assert.Equal(Words.Spanish<RecoveryText>("ForgotUsername.SentTitle"), sent.TextAt("h1"));
        Assert.Equal("Revise su correo electrónico", sent.TextAt("h1"));
        Assert.Equal(Words.Spanish<RecoveryText>("ForgotUsername.Sent"), sent.TextAt("#username-sent"));
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_in_Spanish_with_the_rules_and_their_refusals_in_Spanish()
    {
        var name = NewName("clave");
        await app.CreateUserAsync(name);
        var browser = app.NewBrowser(Spanish);

        var start = HtmlPage.Parse(await browser.PageAsync(ForgotPasswordTests.Start));
        AssertSpanish(start);
        Assert.Equal("Restablezca su contraseña", start.TextAt("h1"));
        Assert.Equal("Nombre de usuario", start.LabelOf(start.One("#Input_Username")));
        var empty = await HtmlPage.ReadAsync(await browser.SubmitAsync(ForgotPasswordTests.Start, new Dictionary<string, string> { ["Input.Username"] = "", ["Input.Email"] = EmailOf(name) }));
        Assert.Equal("Escriba su nombre de usuario.", empty.TextAt("#username-error"));

        var started = await browser.SubmitAsync(ForgotPasswordTests.Start, new Dictionary<string, string> { ["Input.Username"] = name, ["Input.Email"] = EmailOf(name) });
        Assert.True(Browser.IsRedirectTo(started, ForgotPasswordTests.Verify), Describe(started));
        var verifyHtml = await browser.PageAsync(ForgotPasswordTests.Verify);
        var verify = HtmlPage.Parse(verifyHtml);
        AssertSpanish(verify);
        Assert.Equal("Verifique que es usted", verify.TextAt("h1"));
        Assert.Equal(Words.Spanish<RecoveryText>("ForgotVerify.SentToMethodOnFile"), verify.TextAt("#instructions"));
        Assert.Equal("Escriba el código de 6 dígitos. Solo es válido por 5 minutos.", verify.TextAt("#code-help"));
        Assert.Equal("Pruebe otro método", verify.TextAt("h2"));
        Assert.Contains(verify.All("#other-methods button"), button => HtmlPage.TextContent(button) == "Usar un código de recuperación");
        Assert.StartsWith("Número de referencia: ", HtmlPage.TextContent(verify.One("#reference").ParentElement!), StringComparison.Ordinal);

        var verified = await browser.PostPageFormAsync(verifyHtml, ForgotPasswordTests.Verify + "?handler=Verify",
            new Dictionary<string, string> { ["Code"] = app.Messages.CodeSentTo(EmailOf(name)) });
        Assert.True(Browser.IsRedirectTo(verified, ForgotPasswordTests.NewPassword), Describe(verified));

        var formHtml = await browser.PageAsync(ForgotPasswordTests.NewPassword);
        var form = HtmlPage.Parse(formHtml);
        AssertSpanish(form);
        Assert.Equal("Cree una contraseña nueva", form.TextAt("h1"));
        Assert.Contains("Al menos 8 caracteres", form.TextAt("#password-rules"));
        Assert.Contains("Que no sea una contraseña de uso común", form.TextAt("#password-rules"));

        // A rule violation is explained in Spanish, every reason at once.
        var refused = await HtmlPage.ReadAsync(await browser.PostPageFormAsync(formHtml, ForgotPasswordTests.NewPassword,
            new Dictionary<string, string> { ["NewPassword"] = "dragon", ["ConfirmPassword"] = "dragon" }));
        AssertSpanish(refused);
        Assert.Equal(
            "Su contraseña debe tener al menos 8 caracteres. Esta contraseña es muy común y fácil de adivinar. Elija otra.",
            refused.TextAt("#new-password-error"));
        var mismatch = await HtmlPage.ReadAsync(await browser.PostPageFormAsync(formHtml, ForgotPasswordTests.NewPassword,
            new Dictionary<string, string> { ["NewPassword"] = Fresh, ["ConfirmPassword"] = Fresh + "!" }));
        Assert.Equal(Words.Spanish<RecoveryText>("NewPasswordForm.Mismatch"), mismatch.TextAt("#confirm-password-error"));

        var changed = await browser.PostPageFormAsync(formHtml, ForgotPasswordTests.NewPassword,
            new Dictionary<string, string> { ["NewPassword"] = Fresh, ["ConfirmPassword"] = Fresh });
        Assert.True(Browser.IsRedirectTo(changed, ForgotPasswordTests.Done), Describe(changed) + " " + await changed.TextAsync());
        var done = HtmlPage.Parse(await browser.PageAsync(ForgotPasswordTests.Done));
        AssertSpanish(done);
        Assert.Equal("Su contraseña se cambió. Inicie sesión con su contraseña nueva.", done.TextAt("#password-changed"));
        Assert.Equal("Iniciar sesión", done.TextAt("#sign-in"));
    }

    private static void AssertSpanish(HtmlPage page) => Assert.Equal("es", page.One("html").GetAttribute("lang"));
}
