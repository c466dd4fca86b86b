using IdentityHub.Core.Mfa;
using IdentityHub.Delivery;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Messages;

/// <summary>One server whose plan configured its own Spanish text message (IdentityHub:Mfa:Templates) and nothing else.</summary>
public sealed class MessageLanguageApp : IAsyncLifetime
{
    public const string SpanishSms = "Plan de prueba: su código es {code}";

    public IdentityHubApp App { get; } = new IdentityHubApp()
        .With("IdentityHub:Mfa:Templates:0:Language", "es")
        .With("IdentityHub:Mfa:Templates:0:SmsBody", SpanishSms);

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>
/// Codes and account emails go out in the person's language (A14, M4): the one saved on their account,
/// else the page's; a template the plan configured for the language still wins.
/// </summary>
public sealed class MessageLanguageTests(MessageLanguageApp fixture) : IClassFixture<MessageLanguageApp>
{
    private const string Phone = "+16505552652";
    private readonly IdentityHubApp _app = fixture.App;

    [Fact]
    public async Task A_person_who_saved_Spanish_gets_the_code_email_in_Spanish_even_from_an_English_page()
    {
        var name = NewName("es-email");
        var user = await _app.CreateUserAsync(name);
        await SaveLanguageAsync(user.Id, "es");

        await _app.NewBrowser().PasswordToChallengeAsync(name);

        var message = Assert.Single(_app.Messages.To(EmailOf(name)));
        var code = CapturedMessages.CodeIn(message);
        Assert.Equal("El código de seguridad de su cuenta.", message.Subject);
        Assert.Equal($"Use el código de seguridad {code} para iniciar sesión en su cuenta del portal de su plan de salud.", message.Body);
        Assert.Equal(Words.Spanish<MessageText>("CodeMessage.EmailBody").Replace("{code}", code, StringComparison.Ordinal), message.Body);
    }

    [Fact]
    public async Task A_Spanish_page_sends_the_plans_Spanish_text_message_to_a_person_with_no_saved_language()
    {
        var name = NewName("es-sms");
        var user = await _app.CreateUserAsync(name, enrollEmail: false);
        await AddMethodAsync(user.Id, MfaMethodKind.Sms);

        await _app.NewBrowser("es-US,es;q=0.9").PasswordToChallengeAsync(name);

        var message = _app.Messages.All.Last(m => m.To == Phone);
        Assert.Equal(DeliveryKind.Sms, message.Kind);
        Assert.Equal(MessageLanguageApp.SpanishSms.Replace("{code}", CapturedMessages.CodeIn(message), StringComparison.Ordinal), message.Body);
    }

    [Fact]
    public async Task A_person_who_saved_English_gets_the_English_text_message_from_a_Spanish_page()
    {
        var name = NewName("en-sms");
        var user = await _app.CreateUserAsync(name, enrollEmail: false);
        await SaveLanguageAsync(user.Id, "en");
        await AddMethodAsync(user.Id, MfaMethodKind.Sms);

        await _app.NewBrowser("es-US,es;q=0.9").PasswordToChallengeAsync(name);

        var message = _app.Messages.All.Last(m => m.To == Phone);
        Assert.Equal($"Please use security code {CapturedMessages.CodeIn(message)} to log in to your health plan portal account.", message.Body);
    }

    [Fact]
    public async Task A_Spanish_phone_call_reads_the_digits_one_by_one_twice()
    {
        var name = NewName("es-voice");
        var user = await _app.CreateUserAsync(name, enrollEmail: false);
        await SaveLanguageAsync(user.Id, "es");
        await AddMethodAsync(user.Id, MfaMethodKind.Voice);

        await _app.NewBrowser().PasswordToChallengeAsync(name);

        var message = _app.Messages.All.Last(m => m.To == Phone && m.Kind == DeliveryKind.Voice);
        var spoken = string.Join(", ", CapturedMessages.CodeIn(message).ToCharArray());
        Assert.Equal($"Hola. Su código de seguridad del portal de su plan de salud es: {spoken}. Le repito, su código es: {spoken}.", message.Body);
    }

    [Fact]
    public async Task The_username_reminder_is_in_the_language_saved_on_the_account()
    {
        var name = NewName("es-remind");
        var user = await _app.CreateUserAsync(name);
        await SaveLanguageAsync(user.Id, "es");

        await _app.NewBrowser().SubmitAsync("/account/forgot-username", new Dictionary<string, string> { ["Email"] = EmailOf(name) });

        var message = Assert.Single(_app.Messages.To(EmailOf(name)));
        Assert.Equal("Su nombre de usuario", message.Subject);
        Assert.Contains($"Sus nombres de usuario del portal de su plan de salud: {name}", message.Body, StringComparison.Ordinal);
        Assert.StartsWith("Hola:", message.Body, StringComparison.Ordinal);
        Assert.Contains($"Número de referencia: {message.Reference}", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_notices_are_in_the_language_saved_on_the_account_and_name_the_method_in_it()
    {
        var name = NewName("es-notice");
        var user = await _app.CreateUserAsync(name);
        await SaveLanguageAsync(user.Id, "es");
        const string Other = "otra-direccion@clinic.example";
        var other = await _app.QueryAsync(async db =>
        {
            var method = new Data.Mfa.MfaMethod { UserId = user.Id, Kind = MfaMethodKind.Email, Destination = Other, CreatedAt = _app.Clock.GetUtcNow() };
            db.MfaMethods.Add(method);
            await db.SaveChangesAsync();
            return method;
        });
        var browser = _app.NewBrowser("en-US");
        Assert.True(Browser.IsRedirectTo(await browser.SignInAsync(name), "/"));

        Assert.True(Browser.IsRedirectTo(await browser.PostSecurityAsync("Remove", new Dictionary<string, string> { ["methodId"] = other.Id }), "/account/security"));

        var notice = _app.Messages.LatestTo(EmailOf(name));
        Assert.Equal(Words.Spanish<MessageText>("Notice.MethodRemoved.Subject"), notice.Subject);
        Assert.StartsWith("Hola:", notice.Body, StringComparison.Ordinal);
        Assert.Contains($"Se quitó una forma de recibir códigos de seguridad de su cuenta del portal del plan de salud {name} el ", notice.Body, StringComparison.Ordinal);
        Assert.Contains("Método: Correo electrónico, o*****n@clinic.example", notice.Body, StringComparison.Ordinal);
        Assert.Contains($"Número de referencia: {notice.Reference}", notice.Body, StringComparison.Ordinal);
        Assert.Equal(notice.Body, _app.Messages.LatestTo(Other).Body);
    }

    private Task<int> SaveLanguageAsync(string userId, string language) =>
        _app.QueryAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.PreferredLanguage, language)));

    /// <summary>A phone method, used more recently than the email, so the challenge starts with it.</summary>
    private async Task AddMethodAsync(string userId, MfaMethodKind kind)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.IdentityHubDbContext>();
        var now = _app.Clock.GetUtcNow();
        await db.MfaMethods.Where(m => m.UserId == userId).ForEachAsync(m => m.LastUsedAt = now.AddDays(-2));
        var method = await scope.ServiceProvider.GetRequiredService<EnrolledMethods>().AddAsync(userId, kind, Phone);
        method.LastUsedAt = now;
        await db.SaveChangesAsync();
    }
}
