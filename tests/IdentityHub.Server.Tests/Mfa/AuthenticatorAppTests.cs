using System.Net;
using System.Text.RegularExpressions;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Account;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;
using static IdentityHub.Server.Tests.Infrastructure.StrongFactorSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>
/// Authenticator apps (M12): set up by scanning or typing a key and proving one code; at sign-in a
/// code is accepted within one step of clock drift, once, and nothing is sent anywhere.
/// </summary>
public sealed partial class AuthenticatorAppTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string AppNotice = "Enter the 6-digit code your authenticator app shows now.";
    private const string WrongAppCode = "That code is not correct. Check that your phone's time is set automatically, wait for a new code and try again.";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_user_without_a_method_sets_up_an_app_sees_recovery_codes_and_reaches_the_portal_with_otp_at_aal2()
    {
        var name = NewName("totp");
        var user = await app.CreateUserAsync(name, enrollEmail: false, withRecoveryCodes: false);
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        var password = await browser.SubmitPasswordAsync(name, returnUrl: await browser.StartAtPortalAsync(request));
        Assert.True(Browser.IsRedirectTo(password, Enroll), Describe(password));
        Assert.Contains("Totp", MethodChoices(await browser.PageAsync(Enroll)));

        var setup = await browser.ChooseAuthenticatorAsync();

        var key = KeyOn(setup);
        Assert.Matches(GroupsOfFour(), key);
        Assert.Equal(32, key.Replace(" ", "").Length); // 160 bits
        var qr = Assert.Single(HtmlPage.Parse(setup).All("img"));
        Assert.StartsWith("data:image/png;base64,", qr.GetAttribute("src"), StringComparison.Ordinal); // the QR code is drawn here, no outside service
        var verified = await browser.EnterAppCodeAsync(setup, AppCode(key, app.Clock.GetUtcNow()));

        Assert.True(Browser.IsRedirectTo(verified, RecoveryCodesPage), Describe(verified) + " " + await verified.TextAsync());
        var codesPage = await browser.PageAsync(RecoveryCodesPage);
        Assert.Equal(10, RecoveryCodesOn(codesPage).Count);
        var authorization = await browser.BackToPortalAsync(await browser.ConfirmRecoveryCodesSavedAsync(codesPage), request);

        Assert.Equal(TestClients.RedirectUri, authorization.Location!.GetLeftPart(UriPartial.Path));
        var (acr, amr) = await app.AssuranceAsync(authorization);
        Assert.Equal("urn:identityhub:acr:aal2", acr);
        Assert.Contains("otp", amr);
        Assert.Contains("pwd", amr);

        var method = Assert.Single(await app.QueryAsync(db => db.MfaMethods.Where(m => m.UserId == user.Id).ToListAsync()));
        Assert.Equal(MfaMethodKind.Totp, method.Kind);
        Assert.Equal(AuthenticatorApps.Label, method.Destination);
        Assert.False(string.IsNullOrEmpty(method.ProtectedSecret));
        var compactKey = key.Replace(" ", "");
        Assert.DoesNotContain(compactKey, method.ProtectedSecret!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(compactKey[..8], method.ProtectedSecret!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, method.ProtectedSecret!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(compactKey, method.Destination, StringComparison.OrdinalIgnoreCase);
        // The code that proved the app is used up: it cannot sign in again.
        Assert.Equal(Totp.StepAt(app.Clock.GetUtcNow()), method.LastUsedStep);
        // No code went by email: only the notice that an app was added (issue 17).
        Assert.Equal(Words.English<MessageText>("Notice.MethodAdded.Subject"), Assert.Single(app.Messages.To(EmailOf(name))).Subject);
    }

    [Fact]
    public async Task A_wrong_first_code_is_refused_with_a_plain_message_and_nothing_is_stored()
    {
        var name = NewName("totpwrong");
        var user = await app.CreateUserAsync(name, enrollEmail: false, withRecoveryCodes: false);
        var browser = app.NewBrowser();
        await browser.SubmitPasswordAsync(name);
        var setup = await browser.ChooseAuthenticatorAsync();
        var key = KeyOn(setup);

        var wrong = await browser.EnterAppCodeAsync(setup, WrongCode(AppCode(key, app.Clock.GetUtcNow())));

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains(WrongAppCode, HtmlPage.TextOf(html));
        Assert.Equal(key, KeyOn(html)); // the same key: the app already holds it
        Assert.False(await app.QueryAsync(db => db.MfaMethods.AnyAsync(m => m.UserId == user.Id)), "A method was stored after a wrong code.");
        Assert.False(await app.QueryAsync(db => db.RecoveryCodes.AnyAsync(c => c.UserId == user.Id)));

        var letters = await browser.EnterAppCodeAsync(setup, "12ab56");
        Assert.Equal(HttpStatusCode.OK, letters.StatusCode);
        Assert.Contains("Enter the 6-digit code from your app.", await letters.TextAsync());
        Assert.False(await app.QueryAsync(db => db.MfaMethods.AnyAsync(m => m.UserId == user.Id)));

        // A right code afterwards still sets the app up.
        var right = await browser.EnterAppCodeAsync(setup, AppCode(key, app.Clock.GetUtcNow()));
        Assert.True(Browser.IsRedirectTo(right, RecoveryCodesPage), Describe(right));
        Assert.Equal(MfaMethodKind.Totp, (await app.QueryAsync(db => db.MfaMethods.SingleAsync(m => m.UserId == user.Id))).Kind);
    }

    [Fact]
    public async Task At_a_later_sign_in_the_app_is_asked_for_and_nothing_is_sent()
    {
        var (name, user, key) = await UserWithAppAndUnusedEmailAsync("totplater");
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();

        var challenge = await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(request));

        var page = HtmlPage.Parse(challenge);
        Assert.Equal($"Use {AuthenticatorApps.Label}.", page.TextAt("#sent-to"));
        Assert.Contains(AppNotice, page.Text);
        Assert.False(page.Has("#resend"), "An app has no code to send again.");
        Assert.Equal($"Send an email to {MaskedEmailOf(name)}", page.TextAt("#other-methods button")); // the other method is offered, not used
        Assert.All(app.Messages.To(EmailOf(name)), message => Assert.Equal(Words.English<MessageText>("Notice.MethodAdded.Subject"), message.Subject)); // no code, only the notice
        Assert.Equal(0, await app.QueryAsync(db => db.OneTimeCodes.CountAsync(code => code.UserId == user.Id)));

        var verified = await browser.VerifyAsync(challenge, AppCode(key, app.Clock.GetUtcNow()));
        var authorization = await browser.BackToPortalAsync(verified, request);

        var (acr, amr) = await app.AssuranceAsync(authorization);
        Assert.Equal("urn:identityhub:acr:aal2", acr);
        Assert.Contains("otp", amr);
        Assert.All(app.Messages.To(EmailOf(name)), message => Assert.Equal(Words.English<MessageText>("Notice.MethodAdded.Subject"), message.Subject)); // no code, only the notice
    }

    [Fact]
    public async Task A_code_one_step_old_is_accepted_once_and_a_code_two_steps_old_is_refused()
    {
        var (name, user, key) = await UserWithAppAndUnusedEmailAsync("totpdrift");
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var now = app.Clock.GetUtcNow();
        var tooOld = AppCode(key, now - 2 * Step);
        var previous = AppCode(key, now - Step);
        Assert.NotEqual(tooOld, previous);

        // Two steps behind: outside the window.
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        var challenge = await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(request));
        var old = await browser.VerifyAsync(challenge, tooOld);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Contains("That code is not correct.", await old.TextAsync());
        Assert.Equal(1, await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.MfaFailedAttempts).SingleAsync()));

        // One step behind (a phone clock a little slow): accepted.
        var drift = await browser.VerifyAsync(challenge, previous);
        var authorization = await browser.BackToPortalAsync(drift, request);
        Assert.Contains("otp", (await app.AssuranceAsync(authorization)).Amr);
        Assert.Equal(Totp.StepAt(now - Step), await app.QueryAsync(db => db.MfaMethods.Where(m => m.UserId == user.Id && m.Kind == MfaMethodKind.Totp).Select(m => m.LastUsedStep).SingleAsync()));

        // The same code again, still inside its window, in another browser: refused as used.
        var other = app.NewBrowser();
        var otherRequest = new AuthorizationRequest();
        var otherChallenge = await other.PasswordToChallengeAsync(name, await other.StartAtPortalAsync(otherRequest));
        var replay = await other.VerifyAsync(otherChallenge, previous);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var replayText = await replay.TextAsync();
        Assert.Contains("That code has already been used.", replayText);
        var portal = AuthorizationResult.From(await other.AuthorizeAsync(otherRequest), otherRequest);
        Assert.False(portal.Parameters.ContainsKey("code"), "A replayed app code reached the portal: " + portal.Describe());

        // The next code the app shows works.
        var next = await other.VerifyAsync(otherChallenge, AppCode(key, now));
        Assert.False(string.IsNullOrEmpty((await other.BackToPortalAsync(next, otherRequest)).Code));
        Assert.All(app.Messages.To(EmailOf(name)), message => Assert.Equal(Words.English<MessageText>("Notice.MethodAdded.Subject"), message.Subject)); // no code, only the notice
    }

    /// <summary>
    /// A user who set up an app in the wizard (so it is the method last used) and who also has an email
    /// method that has never been used. Returns the key as typed into the app.
    /// </summary>
    private async Task<(string Name, Data.Users.IdentityHubUser User, string Key)> UserWithAppAndUnusedEmailAsync(string prefix)
    {
        var name = NewName(prefix);
        var user = await app.CreateUserAsync(name, enrollEmail: false, withRecoveryCodes: false);
        var browser = app.NewBrowser();
        await browser.SubmitPasswordAsync(name);
        var setup = await browser.ChooseAuthenticatorAsync();
        var key = KeyOn(setup);
        var verified = await browser.EnterAppCodeAsync(setup, AppCode(key, app.Clock.GetUtcNow()));
        Assert.True(Browser.IsRedirectTo(verified, RecoveryCodesPage), Describe(verified));
        var done = await browser.ConfirmRecoveryCodesSavedAsync(await browser.PageAsync(RecoveryCodesPage));
        Assert.True(Browser.IsRedirectTo(done, "/"), Describe(done));

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<EnrolledMethods>().AddAsync(user.Id, MfaMethodKind.Email, EmailOf(name));
        }

        return (name, user, key);
    }

    [GeneratedRegex("^[A-Z2-7]{4}( [A-Z2-7]{4})*$")]
    private static partial Regex GroupsOfFour();
}
