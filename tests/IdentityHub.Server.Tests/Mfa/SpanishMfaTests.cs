using IdentityHub.Server.Texts;
using IdentityHub.Server.Tests.Infrastructure;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>A member whose browser asks for Spanish goes through the code challenge and the enrollment wizard in Spanish (A14).</summary>
public sealed class SpanishMfaTests(CodePageApp fixture) : IClassFixture<CodePageApp>
{
    private const string Spanish = "es-US,es;q=0.9";
    private readonly IdentityHubApp _app = fixture.App;

    [Fact]
    public async Task The_code_challenge_speaks_spanish()
    {
        var name = NewName("reto");
        await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser(Spanish);
        var request = new AuthorizationRequest();

        var html = await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(request));
        var page = HtmlPage.Parse(html);

        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Escriba su código de seguridad", page.TextAt("h1"));
        Assert.Equal($"Le enviamos un código de 6 dígitos a {MaskedEmailOf(name)} por correo electrónico. Es válido por 10 minutos.", page.TextAt("#sent-to"));
        Assert.Equal("Código de seguridad", page.LabelOf(page.One("input[name=Code]")));
        Assert.Equal("Recordar este dispositivo por 24 horas", page.LabelOf(page.One("input[type=checkbox][name=RememberDevice]")));
        Assert.EndsWith($"llame a la Mesa de Ayuda: {CodePageApp.HelpDesk}", page.TextAt("#help-desk"), StringComparison.Ordinal);
        Assert.Equal("Si llama a la Mesa de Ayuda, dé este número.", page.TextAt("#reference-help"));
        Assert.Equal("Reenviar el código o probar otro método", page.TextAt("#other-ways"));
        Assert.Equal("Pedir un código nuevo", page.TextAt("#resend"));
        Assert.Equal("Verificar", page.TextAt("#verify"));

        var code = _app.Messages.CodeSentTo(EmailOf(name));
        var wrong = await HtmlPage.ReadAsync(await browser.VerifyAsync(html, WrongCode(code)));
        Assert.Equal("es", wrong.Document.DocumentElement.GetAttribute("lang"));
        Assert.StartsWith("Ese código no es correcto. Revise el código e inténtelo de nuevo (le quedan ", wrong.TextAt("#code-error"), StringComparison.Ordinal);
        var blank = await HtmlPage.ReadAsync(await browser.VerifyAsync(html, ""));
        Assert.Contains("Escriba el código de 6 dígitos.", blank.Text, StringComparison.Ordinal);

        var verified = await browser.VerifyAsync(html, code);
        Assert.False(string.IsNullOrEmpty((await browser.BackToPortalAsync(verified, request)).Code));
    }

    [Fact]
    public async Task The_enrollment_wizard_speaks_spanish()
    {
        var name = NewName("inscrip");
        await _app.CreateUserAsync(name, enrollEmail: false);
        var browser = _app.NewBrowser(Spanish);
        var request = new AuthorizationRequest();
        await browser.SubmitPasswordAsync(name, returnUrl: await browser.StartAtPortalAsync(request));

        var choose = HtmlPage.Parse(await browser.PageAsync(Enroll));
        Assert.Equal("es", choose.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Words.Spanish<MfaText>("Enroll.Title"), choose.TextAt("h1"));
        Assert.Equal("¿Cómo quiere recibir su código de seguridad?", choose.TextAt("legend"));
        Assert.StartsWith("Correo electrónico Le enviaremos un código de verificación", choose.LabelOf(choose.One("#method-email")), StringComparison.Ordinal);
        Assert.StartsWith("Mensaje de texto", choose.LabelOf(choose.One("#method-sms")), StringComparison.Ordinal);
        Assert.StartsWith("Llamada de voz", choose.LabelOf(choose.One("#method-voice")), StringComparison.Ordinal);
        var nothing = await HtmlPage.ReadAsync(await browser.PostPageFormAsync(choose.Document.DocumentElement.OuterHtml, Enroll, new Dictionary<string, string>()));
        Assert.Equal("Elija cómo quiere recibir sus códigos de seguridad.", nothing.TextAt("#enroll-error"));

        await browser.ChooseMethodAsync("Email");
        var destination = HtmlPage.Parse(await browser.PageAsync(EnrollDestination));
        Assert.Equal("Registre su correo electrónico", destination.TextAt("h1"));
        Assert.Equal("Correo electrónico", destination.LabelOf(destination.One("input[name=Email]")));
        var bad = await HtmlPage.ReadAsync(await browser.EnterDestinationAsync(new Dictionary<string, string> { ["Email"] = "no-es-correo" }));
        Assert.Equal("Escriba un correo electrónico como nombre@ejemplo.com.", bad.TextAt("#destination-error"));

        var address = name + "@casa.example";
        Assert.True(Browser.IsRedirectTo(await browser.EnterDestinationAsync(new Dictionary<string, string> { ["Email"] = address }), EnrollVerify));
        var verify = HtmlPage.Parse(await browser.PageAsync(EnrollVerify));
        Assert.Equal("es", verify.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Verifique su código", verify.TextAt("h1"));
        Assert.EndsWith("por correo electrónico. Es válido por 10 minutos.", verify.TextAt("#sent-to"), StringComparison.Ordinal);
        Assert.Equal("Código de verificación", verify.LabelOf(verify.One("input[name=Code]")));
        Assert.Equal("Recordar este dispositivo por 24 horas", verify.LabelOf(verify.One("input[type=checkbox][name=RememberDevice]")));
        Assert.Equal("¿Tiene problemas? Pruebe otra opción", verify.TextAt("#try-another-option"));

        var enrolled = await browser.EnterEnrollmentCodeAsync(_app.Messages.CodeSentTo(address));
        Assert.False(string.IsNullOrEmpty((await browser.BackToPortalAsync(enrolled, request)).Code));
    }
}
