using System.Globalization;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>
/// The account security page in Spanish (issue 17): its words, the sessions, remembered devices and recent activity
/// with the device and network in Spanish, its notices and errors, and the times without a script in Spanish format.
/// </summary>
public sealed class SpanishSecurityPageTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Spanish = "es-US,es;q=0.9";
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    [Fact]
    public async Task Sessions_remembered_devices_and_recent_activity_are_in_spanish()
    {
        var name = NewName("seguridad");
        await app.CreateUserAsync(name);
        var phone = BrowserAt(IPhone, "::1");
        Assert.True(Browser.IsRedirectTo(await phone.SignInAsync(name), "/"));
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var desk = BrowserAt(Chrome, "203.0.113.5");
        var challenge = await desk.PasswordToChallengeAsync(name);
        var shown = ReferenceOn(challenge);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var verified = await desk.VerifyAsync(challenge, app.Messages.CodeSentTo(EmailOf(name)), rememberDevice: true);
        Assert.True(Browser.IsRedirectTo(verified, "/"), Describe(verified));

        var page = HtmlPage.Parse(await desk.PageAsync(Security));

        Assert.Equal("es", page.One("html").GetAttribute("lang"));
        Assert.Equal("Seguridad de la cuenta", page.TextAt("h1"));
        Assert.Contains("Chrome en Windows", page.TextAt("#devices"));
        var sessions = page.All("#sessions tbody tr");
        Assert.Equal(2, sessions.Count);
        Assert.Contains("Chrome en Windows", HtmlPage.TextContent(sessions[0]));
        Assert.Contains("Este dispositivo", HtmlPage.TextContent(sessions[0]));
        Assert.Contains("203.0.113.5", HtmlPage.TextContent(sessions[0]));
        Assert.Contains("Safari en iPhone", HtmlPage.TextContent(sessions[1]));
        Assert.Contains("Una red local", HtmlPage.TextContent(sessions[1]));
        Assert.Equal("Cerrar sesión en Safari en iPhone", sessions[1].QuerySelector("button")!.GetAttribute("aria-label"));
        Assert.Equal("Cerrar sesión", HtmlPage.TextContent(sessions[1].QuerySelector("button")!));

        var entries = page.All("#recent-activity li");
        Assert.Contains("Inició sesión", HtmlPage.TextContent(entries[0]));
        Assert.Contains("Contraseña aceptada", HtmlPage.TextContent(entries[1]));
        Assert.Equal($"Chrome en Windows Dirección de red 203.0.113.5 Referencia {shown}", HtmlPage.TextContent(entries[0].QuerySelector(".activity-where")!));
        var time = entries[0].QuerySelector("time[data-local-time]")!;
        var at = DateTime.Parse(time.GetAttribute("datetime")!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var expected = at.ToString("d MMM, h:mm tt", CultureInfo.GetCultureInfo("es-US")) + " UTC";
        Assert.Equal(System.Text.RegularExpressions.Regex.Replace(expected, @"\s+", " "), HtmlPage.TextContent(time));

        Assert.Contains("Le quedan 10 códigos de recuperación.", page.TextAt("#recovery-codes-left"));
        foreach (var english in new[] { "Sign out", "Remembered devices", "Recent sign-in activity", "Signed in", "Password accepted", " on ", "Network address", "Reference ", "A local network" })
        {
            Assert.DoesNotContain(english, page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Its_notices_and_errors_are_in_spanish()
    {
        var name = NewName("avisos");
        var user = await app.CreateUserAsync(name);
        var desk = BrowserAt(Chrome, "203.0.113.9");
        var challenge = await desk.PasswordToChallengeAsync(name);
        Assert.True(Browser.IsRedirectTo(await desk.VerifyAsync(challenge, app.Messages.CodeSentTo(EmailOf(name)), rememberDevice: true), "/"));
        var other = BrowserAt(IPhone, "198.51.100.7");
        Assert.True(Browser.IsRedirectTo(await other.SignInAsync(name), "/"));

        // The only method cannot go.
        var method = await app.QueryAsync(db => db.MfaMethods.SingleAsync(m => m.UserId == user.Id));
        var refused = await HtmlPage.ReadAsync(await desk.PostSecurityAsync("Remove", new Dictionary<string, string> { ["methodId"] = method.Id }));
        Assert.Equal(Words.Spanish<AccountText>("Security.RemoveRefused"), refused.TextAt("#security-error"));
        Assert.Contains("No puede eliminar su única forma de recibir códigos de seguridad.", refused.TextAt("#security-error"));

        // The other session ends, named in Spanish.
        var sessionId = HtmlPage.Parse(await desk.PageAsync(Security)).One("#sessions input[name=sessionId]").GetAttribute("value")!;
        Assert.True(Browser.IsRedirectTo(await desk.PostSecurityAsync("EndSession", new Dictionary<string, string> { ["sessionId"] = sessionId }), Security));
        Assert.Equal("Se cerró la sesión en Safari en iPhone.", HtmlPage.Parse(await desk.PageAsync(Security)).TextAt("#security-notice"));

        // The remembered device is forgotten.
        var deviceId = HtmlPage.Parse(await desk.PageAsync(Security)).One("#devices input[name=deviceId]").GetAttribute("value")!;
        Assert.True(Browser.IsRedirectTo(await desk.PostSecurityAsync("ForgetDevice", new Dictionary<string, string> { ["deviceId"] = deviceId }), Security));
        var forgotten = HtmlPage.Parse(await desk.PageAsync(Security));
        Assert.Equal("El dispositivo le pedirá un código de seguridad la próxima vez que inicie sesión.", forgotten.TextAt("#security-notice"));
        Assert.Equal(Words.Spanish<AccountText>("Security.NoDevices"), forgotten.TextAt("#no-devices"));
    }

    [Fact]
    public async Task Stored_english_device_words_are_said_in_the_readers_language_and_unknown_ones_as_stored()
    {
        var name = NewName("antiguo");
        var user = await app.CreateUserAsync(name);
        var desk = BrowserAt(Chrome, "203.0.113.10");
        Assert.True(Browser.IsRedirectTo(await desk.SignInAsync(name), "/"));
        await app.QueryAsync(async db =>
        {
            var entry = await db.AuditEvents.Where(e => e.UserId == user.Id && e.Event == "sign_in").SingleAsync();
            entry.Device = "A browser on a Chromebook";
            var older = await db.AuditEvents.Where(e => e.UserId == user.Id && e.Event == "sign_in.password").SingleAsync();
            older.Device = "Netscape Navigator";
            return await db.SaveChangesAsync();
        });

        var entries = HtmlPage.Parse(await desk.PageAsync(Security)).All("#recent-activity li .activity-where");

        Assert.StartsWith("Un navegador en una Chromebook ", HtmlPage.TextContent(entries[0]));
        Assert.StartsWith("Netscape Navigator ", HtmlPage.TextContent(entries[1]));
    }

    private Browser BrowserAt(string userAgent, string address)
    {
        var browser = app.NewBrowser(Spanish);
        browser.Http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        browser.Http.DefaultRequestHeaders.Add("X-Test-Peer", address);
        return browser;
    }
}
