using System.Net;
using IdentityHub.Core.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Server.Account;
using IdentityHub.Server.Pages.Account;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Account;

/// <summary>
/// Forgot password and unlock (A7, A3): username and email, a second factor, a new password under the
/// rules; the lockout is cleared, every session, token and remembered device ends, a notice is
/// emailed; details that match no account walk the same pages and no code ever works.
/// </summary>
public sealed class ForgotPasswordTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    public const string Start = "/account/forgot-password";
    public const string Verify = "/account/forgot-password/verify";
    public const string NewPassword = "/account/forgot-password/new-password";
    public const string Done = "/account/forgot-password/done";
    public const string ResetCookie = "__Secure-IdentityHub.PasswordReset"; // path-scoped, so __Secure- rather than __Host-
    private const string Fresh = "a brand new and rather long passphrase";

    [Fact]
    public async Task An_emailed_code_and_a_new_password_let_the_user_sign_in_with_it_and_not_with_the_old_one()
    {
        var name = NewName("reset");
        await app.CreateUserAsync(name);
        var browser = app.NewBrowser();

        var verify = await StartAsync(browser, name, EmailOf(name));
        Assert.Contains("If the details you entered match an account, we have sent a security code", HtmlPage.TextOf(verify));
        var code = app.Messages.CodeSentTo(EmailOf(name));
        var verified = await EnterCodeAsync(browser, verify, code);
        Assert.True(Browser.IsRedirectTo(verified, NewPassword), Describe(verified));

        var form = await browser.PageAsync(NewPassword);
        Assert.Contains("At least 8 characters", HtmlPage.TextOf(form));
        var changed = await SetPasswordAsync(browser, form, Fresh);

        Assert.True(Browser.IsRedirectTo(changed, Done), Describe(changed) + " " + await changed.TextAsync());
        var done = HtmlPage.Parse(await browser.PageAsync(Done));
        Assert.Contains("Your password has been changed. Sign in with your new password.", done.Text);
        Assert.Contains(done.All("main a"), link => link.GetAttribute("href") == "/account/login");
        Assert.Null(ResetCookieOf(browser));

        var withNew = await app.NewBrowser().SubmitPasswordAsync(name, Fresh);
        Assert.True(Browser.IsRedirectTo(withNew, Challenge), Describe(withNew));
        var withOld = await app.NewBrowser().SubmitPasswordAsync(name, TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.Contains(Words.English<IdentityHub.Server.Texts.SignInText>("Login.WrongCredentials"), await withOld.TextAsync());
    }

    [Fact]
    public async Task The_account_email_gets_a_notice_with_a_reference_and_the_help_desk_advice()
    {
        var name = NewName("notice");
        var user = await app.CreateUserAsync(name);

        await ResetAsync(app.NewBrowser(), name);

        var notice = app.Messages.LatestTo(EmailOf(name));
        Assert.Equal(Words.English<MessageText>("PasswordChanged.Subject"), notice.Subject);
        Assert.Contains("If this was not you, call the help desk", notice.Body, StringComparison.Ordinal);
        Assert.Contains(notice.Reference, notice.Body, StringComparison.Ordinal);
        var audited = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Reference == notice.Reference && e.Event == "account.password_reset"));
        Assert.Equal(("succeeded", user.Id), (audited.Outcome, audited.UserId));
    }

    [Fact]
    public async Task A_locked_account_is_unlocked_by_the_reset()
    {
        var name = NewName("locked");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            await browser.SubmitPasswordAsync(name, "not the password at all, sorry");
        }

        var locked = await browser.SubmitPasswordAsync(name, TestUsers.Password);
        Assert.Contains("This account is locked", await locked.TextAsync());

        await ResetAsync(app.NewBrowser(), name);

        Assert.Null(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync()));
        var signIn = await app.NewBrowser().SubmitPasswordAsync(name, Fresh);
        Assert.True(Browser.IsRedirectTo(signIn, Challenge), Describe(signIn));
    }

    [Fact]
    public async Task Another_browsers_session_refresh_tokens_and_remembered_device_end()
    {
        var name = NewName("elsewhere");
        var user = await app.CreateUserAsync(name);
        var tokens = TokenClient.For(app);
        var other = app.NewBrowser();
        var request = new AuthorizationRequest();
        var returnUrl = await other.StartAtPortalAsync(request);
        var signedIn = await other.SignInAsync(name, returnUrl: returnUrl, rememberDevice: true);
        var otherTokens = (await tokens.RedeemAsync(await other.BackToPortalAsync(signedIn, request))).EnsureSuccess();
        Assert.Equal(1, await app.QueryAsync(db => db.RememberedDevices.CountAsync(d => d.UserId == user.Id && d.RevokedAt == null)));

        await ResetAsync(app.NewBrowser(), name);

        Assert.Equal("invalid_grant", (await tokens.RefreshAsync(otherTokens.RefreshToken)).Error);
        Assert.Equal(0, await app.QueryAsync(db => db.RememberedDevices.CountAsync(d => d.UserId == user.Id && d.RevokedAt == null)));
        var again = await other.AuthorizeAsync(new AuthorizationRequest());
        Assert.True(Browser.IsRedirectTo(again, "/account/login"), Describe(again));
    }

    [Fact]
    public async Task Unknown_or_mismatched_details_walk_the_same_pages_and_every_code_fails_alike()
    {
        var name = NewName("realone");
        await app.CreateUserAsync(name);
        // Three people on three networks (each network has its own code-check limit).
        var real = app.NewBrowserFrom("203.0.113.31");
        var unknown = app.NewBrowserFrom("203.0.113.32");
        var mismatched = app.NewBrowserFrom("203.0.113.33");

        var realPage = await StartAsync(real, name, EmailOf(name));
        var realCode = app.Messages.CodeSentTo(EmailOf(name));
        var sentBefore = app.Messages.All.Count;
        var unknownPage = await StartAsync(unknown, NewName("nobody"), "nobody@clinic.example");
        var mismatchedPage = await StartAsync(mismatched, name, "someone.else@clinic.example");

        // Nothing goes out for details that do not match, not even to the real account.
        Assert.Equal(sentBefore, app.Messages.All.Count);
        Assert.Equal(PageText.MainMarkup(realPage), PageText.MainMarkup(unknownPage));
        Assert.Equal(PageText.MainMarkup(realPage), PageText.MainMarkup(mismatchedPage));
        Assert.NotNull(ResetCookieOf(unknown));

        // A wrong code: the same message and page, with the same count of tries left.
        for (var tries = 4; tries >= 1; tries--)
        {
            var wrong = await EnterCodeAsync(real, realPage, WrongCode(realCode));
            var fromUnknown = await EnterCodeAsync(unknown, unknownPage, WrongCode(realCode));
            var fromMismatched = await EnterCodeAsync(mismatched, mismatchedPage, WrongCode(realCode));
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.Contains($"That code is not correct. Check the code and try again ({tries} {(tries == 1 ? "try" : "tries")} left).", PageText.MainText(html));
            Assert.Equal(PageText.MainMarkup(html), PageText.MainMarkup(await fromUnknown.Content.ReadAsStringAsync()));
            Assert.Equal(PageText.MainMarkup(html), PageText.MainMarkup(await fromMismatched.Content.ReadAsStringAsync()));
        }

        // The fifth wrong code uses the code up, and then even the right one is refused, alike everywhere.
        var used = await (await EnterCodeAsync(real, realPage, WrongCode(realCode))).Content.ReadAsStringAsync();
        Assert.Contains("That code has been entered wrongly too many times. Request a new code.", PageText.MainText(used));
        Assert.Equal(PageText.MainMarkup(used), PageText.MainMarkup(await (await EnterCodeAsync(unknown, unknownPage, WrongCode(realCode))).Content.ReadAsStringAsync()));
        Assert.Equal(PageText.MainMarkup(used), PageText.MainMarkup(await (await EnterCodeAsync(mismatched, mismatchedPage, WrongCode(realCode))).Content.ReadAsStringAsync()));
        var dead = await (await EnterCodeAsync(real, realPage, realCode)).Content.ReadAsStringAsync();
        Assert.Contains("That code has been entered wrongly too many times. Request a new code.", PageText.MainText(dead));
        Assert.Equal(PageText.MainMarkup(dead), PageText.MainMarkup(await (await EnterCodeAsync(unknown, unknownPage, realCode)).Content.ReadAsStringAsync()));

        // The real account's own code does not open a reset started with the wrong email.
        Assert.Equal(PageText.MainMarkup(dead), PageText.MainMarkup(await (await EnterCodeAsync(mismatched, mismatchedPage, realCode)).Content.ReadAsStringAsync()));

        // "Try another method" reads the same too, and still nothing opens the next step.
        var realSms = await UseMethodAsync(real, realPage, MfaMethodKind.Sms);
        var unknownSms = await UseMethodAsync(unknown, unknownPage, MfaMethodKind.Sms);
        Assert.Equal(PageText.MainMarkup(await realSms.Content.ReadAsStringAsync()), PageText.MainMarkup(await unknownSms.Content.ReadAsStringAsync()));
        var recovery = await UseMethodAsync(unknown, unknownPage, MfaMethodKind.RecoveryCode);
        Assert.Contains("Recovery code", await recovery.TextAsync());
        var refused = await EnterCodeAsync(unknown, unknownPage, app.RecoveryCodesOf.Values.First()[0]);
        Assert.Contains(Words.English<IdentityHub.Server.Texts.RecoveryText>("ForgotVerify.RecoveryCodeRefused"), await refused.TextAsync());
        Assert.True(Browser.IsRedirectTo(await unknown.GetAsync(NewPassword), Verify));
    }

    [Fact]
    public async Task A_wrong_code_counts_like_on_the_challenge()
    {
        var name = NewName("wrongreset");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        var verify = await StartAsync(browser, name, EmailOf(name));
        var code = app.Messages.CodeSentTo(EmailOf(name));

        var first = await EnterCodeAsync(browser, verify, WrongCode(code));
        var second = await EnterCodeAsync(browser, verify, WrongCode(code));

        Assert.Contains("That code is not correct. Check the code and try again (4 tries left).", await first.TextAsync());
        Assert.Contains("That code is not correct. Check the code and try again (3 tries left).", await second.TextAsync());
        Assert.Equal(2, await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.MfaFailedAttempts).SingleAsync()));
        Assert.True(Browser.IsRedirectTo(await EnterCodeAsync(browser, verify, code), NewPassword));
    }

    [Fact]
    public async Task A_recovery_code_proves_it_is_you()
    {
        var name = NewName("recoverreset");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        var verify = await StartAsync(browser, name, EmailOf(name));

        var chosen = await UseMethodAsync(browser, verify, MfaMethodKind.RecoveryCode);
        var accepted = await EnterCodeAsync(browser, await chosen.Content.ReadAsStringAsync(), app.RecoveryCodesOf[user.Id][0]);

        Assert.True(Browser.IsRedirectTo(accepted, NewPassword), Describe(accepted));
    }

    [Fact]
    public async Task A_password_refused_by_the_rules_shows_the_reason_and_changes_nothing()
    {
        var name = NewName("weakreset");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        var verify = await StartAsync(browser, name, EmailOf(name));
        Assert.True(Browser.IsRedirectTo(await EnterCodeAsync(browser, verify, app.Messages.CodeSentTo(EmailOf(name))), NewPassword));
        var stamp = await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.SecurityStamp).SingleAsync());
        const string weak = "short";
        var expected = await RefusalsOfAsync(user.Id, weak);
        Assert.NotEmpty(expected);

        var refused = await SetPasswordAsync(browser, await browser.PageAsync(NewPassword), weak);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlPage.ReadAsync(refused);
        foreach (var reason in expected)
        {
            Assert.Contains(reason, page.TextAt("#new-password-error"));
        }
        Assert.Equal(stamp, await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.SecurityStamp).SingleAsync()));
        Assert.True(Browser.IsRedirectTo(await app.NewBrowser().SubmitPasswordAsync(name, TestUsers.Password), Challenge));

        // Two different entries are refused before the rules are even asked.
        var mismatch = await SetPasswordAsync(browser, await browser.PageAsync(NewPassword), Fresh, Fresh + "!");
        Assert.Contains("The two passwords do not match.", await mismatch.TextAsync());
    }

    [Fact]
    public async Task A_finished_reset_cannot_be_replayed_and_an_old_one_times_out()
    {
        var name = NewName("replay");
        await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        var verify = await StartAsync(browser, name, EmailOf(name));
        Assert.True(Browser.IsRedirectTo(await EnterCodeAsync(browser, verify, app.Messages.CodeSentTo(EmailOf(name))), NewPassword));
        var saved = ResetCookieOf(browser);
        Assert.NotNull(saved);
        Assert.True(Browser.IsRedirectTo(await SetPasswordAsync(browser, await browser.PageAsync(NewPassword), Fresh), Done));

        var copy = app.NewBrowser();
        copy.Cookies.Add(ResetPath, new Cookie(ResetCookie, saved, ResetPath.AbsolutePath));
        var replayed = await copy.GetAsync(NewPassword);
        Assert.True(Browser.IsRedirectTo(replayed, Start), Describe(replayed));

        var slow = app.NewBrowser();
        await StartAsync(slow, NewName("slow"), "slow@clinic.example");
        app.Clock.Advance(PasswordResetState.Lifetime + TimeSpan.FromSeconds(1));
        var late = await slow.GetAsync(Verify);
        Assert.True(Browser.IsRedirectTo(late, Start), Describe(late));
        Assert.Contains("Your password reset timed out", await (await slow.FollowAsync(late)).TextAsync());
    }

    [Fact]
    public async Task Bad_input_gets_a_page_not_an_error()
    {
        var browser = app.NewBrowser();
        var empty = await browser.SubmitAsync(Start, new Dictionary<string, string> { ["Input.Username"] = "", ["Input.Email"] = "nope" });
        var page = await HtmlPage.ReadAsync(empty);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("Enter your username.", page.TextAt("#username-error"));
        Assert.Equal("Enter an email address like name@example.com.", page.TextAt("#email-error"));

        var verify = await StartAsync(browser, NewName("odd"), "odd@clinic.example");
        var strange = await browser.PostPageFormAsync(verify, Verify + "?handler=UseMethod", new Dictionary<string, string> { ["kind"] = "Passkey'); drop" });
        Assert.Equal(HttpStatusCode.OK, strange.StatusCode);
        var long_ = await EnterCodeAsync(browser, verify, new string('9', 500));
        Assert.Equal(HttpStatusCode.OK, long_.StatusCode);
        Assert.Contains("That code is too long.", await long_.TextAsync());
        Assert.True(Browser.IsRedirectTo(await app.NewBrowser().GetAsync(Verify), Start));
        Assert.True(Browser.IsRedirectTo(await app.NewBrowser().GetAsync(NewPassword), Start));
    }

    /// <summary>The reset cookie is only sent to the reset pages.</summary>
    private static readonly Uri ResetPath = new("https://localhost/account/forgot-password");

    private static string? ResetCookieOf(Browser browser) => browser.Cookies.GetCookies(new Uri(ResetPath, "forgot-password/verify"))[ResetCookie]?.Value;

    /// <summary>Step 1; returns the verify page it leads to.</summary>
    private static async Task<string> StartAsync(Browser browser, string userName, string email)
    {
        var response = await browser.SubmitAsync(Start, new Dictionary<string, string> { ["Input.Username"] = userName, ["Input.Email"] = email });
        Assert.True(Browser.IsRedirectTo(response, Verify), Describe(response) + " " + await response.TextAsync());
        return await browser.PageAsync(Verify);
    }

    private static Task<HttpResponseMessage> EnterCodeAsync(Browser browser, string verifyHtml, string code) =>
        browser.PostPageFormAsync(verifyHtml, Verify + "?handler=Verify", new Dictionary<string, string> { ["Code"] = code });

    private static Task<HttpResponseMessage> UseMethodAsync(Browser browser, string verifyHtml, MfaMethodKind kind) =>
        browser.PostPageFormAsync(verifyHtml, Verify + "?handler=UseMethod", new Dictionary<string, string> { ["kind"] = kind.ToString() });

    private static Task<HttpResponseMessage> SetPasswordAsync(Browser browser, string formHtml, string password, string? confirm = null) =>
        browser.PostPageFormAsync(formHtml, NewPassword, new Dictionary<string, string> { ["NewPassword"] = password, ["ConfirmPassword"] = confirm ?? password });

    /// <summary>The whole reset by the emailed code, to <see cref="Fresh"/>.</summary>
    private async Task ResetAsync(Browser browser, string userName)
    {
        var verify = await StartAsync(browser, userName, EmailOf(userName));
        var verified = await EnterCodeAsync(browser, verify, app.Messages.CodeSentTo(EmailOf(userName)));
        Assert.True(Browser.IsRedirectTo(verified, NewPassword), Describe(verified) + " " + await verified.TextAsync());
        var changed = await SetPasswordAsync(browser, await browser.PageAsync(NewPassword), Fresh);
        Assert.True(Browser.IsRedirectTo(changed, Done), Describe(changed) + " " + await changed.TextAsync());
    }

    /// <summary>What the configured password validators say about a password, as the page must show it.</summary>
    private async Task<IReadOnlyList<string>> RefusalsOfAsync(string userId, string password)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        var user = await users.FindByIdAsync(userId);
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user!, password);
            errors.AddRange(result.Errors.Select(error => error.Description));
        }

        return errors;
    }
}
