using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;
using static IdentityHub.Server.Tests.Infrastructure.StrongFactorSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>
/// Recovery codes: ten single-use codes shown once after the first enrollment and stored hashed; one
/// stands in for a second factor at the challenge; a new set voids the old one.
/// </summary>
public sealed class RecoveryCodeTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Refused = "That recovery code is not correct or has already been used. Check it and try again.";

    [Fact]
    public async Task After_the_first_enrollment_ten_codes_are_shown_once_and_stored_only_hashed()
    {
        var name = NewName("firstcodes");
        var user = await app.CreateUserAsync(name, enrollEmail: false, withRecoveryCodes: false);
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        await browser.SubmitPasswordAsync(name, returnUrl: await browser.StartAtPortalAsync(request));
        var address = name + "@home.example";

        var verified = await browser.EnrollAsync(app, "Email", new Dictionary<string, string> { ["Email"] = address }, address);

        Assert.True(Browser.IsRedirectTo(verified, RecoveryCodesPage), Describe(verified));
        var page = await browser.PageAsync(RecoveryCodesPage);
        Assert.Contains("This is the only time they are shown.", HtmlPage.TextOf(page));
        var codes = RecoveryCodesOn(page);
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", code));

        var stored = await app.QueryAsync(db => db.RecoveryCodes.Where(c => c.UserId == user.Id).ToListAsync());
        Assert.Equal(10, stored.Count);
        Assert.All(stored, row => Assert.Null(row.UsedAt));
        foreach (var code in codes)
        {
            var compact = code.Replace("-", "");
            Assert.All(stored, row =>
            {
                foreach (var column in new[] { row.Id, row.Hash, row.Salt })
                {
                    Assert.DoesNotContain(compact, column, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(code, column, StringComparison.OrdinalIgnoreCase);
                }
            });
        }

        var authorization = await browser.BackToPortalAsync(await browser.ConfirmRecoveryCodesSavedAsync(page), request);
        Assert.False(string.IsNullOrEmpty(authorization.Code));

        // Shown once: the page no longer has them.
        var again = await browser.GetAsync(RecoveryCodesPage);
        var againText = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()); // markup included: not even in a link or field
        Assert.NotEqual(HttpStatusCode.OK, again.StatusCode);
        Assert.All(codes, code => Assert.DoesNotContain(code, againText));
        Assert.Equal(10, await app.QueryAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == user.Id)));

        // A later sign-in does not make (or show) another set.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var later = app.NewBrowser();
        var challenge = await later.PasswordToChallengeAsync(name);
        var signedIn = await later.VerifyAsync(challenge, app.Messages.CodeSentTo(address));
        Assert.True(Browser.IsRedirectTo(signedIn, "/"), Describe(signedIn));
        var ids = stored.Select(row => row.Id).Order().ToList();
        Assert.Equal(ids, (await app.QueryAsync(db => db.RecoveryCodes.Where(c => c.UserId == user.Id).Select(c => c.Id).ToListAsync())).Order());
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_the_page_says_how_many_are_left()
    {
        var name = NewName("usecode");
        var user = await app.CreateUserAsync(name);
        var code = app.RecoveryCodesOf[user.Id][0];
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        var challenge = await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(request));
        Assert.Equal(Recovery, HtmlPage.Parse(challenge).Link("Use a recovery code").GetAttribute("href"));
        // The page shown again after a wrong code still offers them.
        var wrong = HtmlPage.Parse(await (await browser.VerifyAsync(challenge, "abcdef")).Content.ReadAsStringAsync());
        Assert.Equal(Recovery, wrong.Link("Use a recovery code").GetAttribute("href"));
        Assert.True(wrong.Has("#code-error"), wrong.Text);

        var accepted = await browser.EnterRecoveryCodeAsync(code);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var html = await accepted.Content.ReadAsStringAsync();
        var text = HtmlPage.TextOf(html);
        Assert.Contains("Your recovery code worked. You have 9 recovery codes left.", text);
        Assert.DoesNotContain("Make a new set", text);
        var authorization = await browser.BackToPortalAsync(await browser.ContinueAfterRecoveryCodeAsync(html), request);
        var (acr, amr) = await app.AssuranceAsync(authorization);
        Assert.Equal("urn:identityhub:acr:aal2", acr);
        Assert.Contains("otp", amr);
        Assert.Equal(1, await app.QueryAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt != null)));
        Assert.Equal(9, await app.QueryAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null)));

        // The same code a second time.
        var other = app.NewBrowser();
        var otherRequest = new AuthorizationRequest();
        await other.PasswordToChallengeAsync(name, await other.StartAtPortalAsync(otherRequest));
        var reused = await other.EnterRecoveryCodeAsync(code);

        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        var reusedText = await reused.TextAsync();
        Assert.Contains(Refused, reusedText);
        Assert.DoesNotContain("Your recovery code worked", reusedText);
        var cont = await other.ContinueAfterRecoveryCodeAsync(await reused.Content.ReadAsStringAsync());
        Assert.True(Browser.IsRedirectTo(cont, Challenge), Describe(cont));
        var portal = AuthorizationResult.From(await other.AuthorizeAsync(otherRequest), otherRequest);
        Assert.False(portal.Parameters.ContainsKey("code"), "A used recovery code reached the portal: " + portal.Describe());
        Assert.Equal(9, await app.QueryAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null)));
    }

    [Fact]
    public async Task A_code_typed_in_lower_case_without_dashes_works()
    {
        var name = NewName("lower");
        var user = await app.CreateUserAsync(name);
        var code = app.RecoveryCodesOf[user.Id][3];
        var browser = app.NewBrowser();
        await browser.PasswordToChallengeAsync(name);

        var accepted = await browser.EnterRecoveryCodeAsync(code.Replace("-", "").ToLowerInvariant());

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("Your recovery code worked. You have 9 recovery codes left.", await accepted.TextAsync());

        // And with spaces where the dashes were, in another sign-in.
        var spaced = app.NewBrowser();
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await spaced.PasswordToChallengeAsync(name);
        var second = await spaced.EnterRecoveryCodeAsync(" " + app.RecoveryCodesOf[user.Id][4].Replace("-", " ").ToLowerInvariant() + " ");
        Assert.Contains("You have 8 recovery codes left.", await second.TextAsync());
    }

    [Fact]
    public async Task Wrong_recovery_codes_are_refused_and_count_towards_the_account_limit()
    {
        await using var limited = new IdentityHubApp().With("IdentityHub:Mfa:Codes:MaxFailuresPerAccount", "3");
        await limited.InitializeAsync();
        var name = NewName("wrongcode");
        var user = await limited.CreateUserAsync(name);
        var good = limited.RecoveryCodesOf[user.Id][0];
        var browser = limited.NewBrowser();
        var challenge = await browser.PasswordToChallengeAsync(name);

        var first = await browser.EnterRecoveryCodeAsync("ABCD-EFGH-JKMN");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains(Refused, await first.TextAsync());
        Assert.Equal(1, await limited.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.MfaFailedAttempts).SingleAsync()));
        Assert.Contains(Refused, await (await browser.EnterRecoveryCodeAsync("not a code")).TextAsync());
        Assert.Equal(2, await limited.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.MfaFailedAttempts).SingleAsync()));

        // The third wrong try of any kind (here the emailed code) reaches the per-account limit.
        var wrongEmailCode = await browser.VerifyAsync(challenge, WrongCode(limited.Messages.CodeSentTo(EmailOf(name))));
        Assert.Contains("Too many wrong codes were entered for this account.", await wrongEmailCode.TextAsync());
        Assert.NotNull(await limited.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.MfaLockedUntil).SingleAsync()));

        // Locked: even a right recovery code is refused, and nothing was used up.
        var locked = await browser.EnterRecoveryCodeAsync(good);
        var lockedText = await locked.TextAsync();
        Assert.Contains("Too many wrong codes were entered for this account. For your security, wait 15 minutes and try again", lockedText);
        Assert.DoesNotContain("Your recovery code worked", lockedText);
        Assert.Equal(10, await limited.QueryAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null)));
    }

    [Fact]
    public async Task Wrong_recovery_codes_alone_lock_the_account_at_the_limit()
    {
        await using var limited = new IdentityHubApp().With("IdentityHub:Mfa:Codes:MaxFailuresPerAccount", "2");
        await limited.InitializeAsync();
        var name = NewName("wrongonly");
        var user = await limited.CreateUserAsync(name);
        var browser = limited.NewBrowser();
        await browser.PasswordToChallengeAsync(name);

        Assert.Contains(Refused, await (await browser.EnterRecoveryCodeAsync("ABCD-EFGH-JKMN")).TextAsync());
        var second = await (await browser.EnterRecoveryCodeAsync("ABCD-EFGH-JKMP")).TextAsync();

        Assert.Contains("Too many wrong codes were entered for this account.", second);
        Assert.NotNull(await limited.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.MfaLockedUntil).SingleAsync()));
        Assert.Equal(2, await limited.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "mfa.recovery_code_used" && e.Outcome != "Accepted")));
    }

    [Fact]
    public async Task New_recovery_codes_from_the_account_page_are_shown_and_the_old_ones_stop_working()
    {
        var name = NewName("newcodes");
        var user = await app.CreateUserAsync(name);
        var old = app.RecoveryCodesOf[user.Id];
        var browser = app.NewBrowser();
        Assert.True(Browser.IsRedirectTo(await browser.SignInAsync(name), "/"));
        Assert.Contains("You have 10 recovery codes left.", HtmlPage.TextOf(await browser.PageAsync(Security)));

        var response = await browser.PostSecurityAsync("NewRecoveryCodes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Your old codes no longer work.", HtmlPage.Parse(html).TextAt("#new-recovery-codes"));
        var fresh = RecoveryCodesOn(html);
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(old));
        Assert.Equal(10, await app.QueryAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null)));
        Assert.Equal(10, await app.QueryAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == user.Id)));

        // Shown once: the account page shows no codes afterwards.
        var page = await browser.PageAsync(Security);
        Assert.Empty(RecoveryCodesOn(page));
        Assert.All(fresh, code => Assert.DoesNotContain(code, page));

        // An old code no longer signs in; a new one does.
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var other = app.NewBrowser();
        await other.PasswordToChallengeAsync(name);
        Assert.Contains(Refused, await (await other.EnterRecoveryCodeAsync(old[0])).TextAsync());
        var accepted = await other.EnterRecoveryCodeAsync(fresh[0]);
        Assert.Contains("Your recovery code worked. You have 9 recovery codes left.", await accepted.TextAsync());
    }

    [Fact]
    public async Task New_recovery_codes_need_a_fresh_second_factor_first()
    {
        var name = NewName("stalecodes");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        Assert.True(Browser.IsRedirectTo(await browser.SignInAsync(name), "/"));
        var before = await app.QueryAsync(db => db.RecoveryCodes.Where(c => c.UserId == user.Id).Select(c => c.Id).ToListAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await browser.PostSecurityAsync("NewRecoveryCodes");

        Assert.True(Browser.IsRedirectTo(response, Challenge), Describe(response));
        Assert.Empty(RecoveryCodesOn(await response.Content.ReadAsStringAsync()));
        var after = await app.QueryAsync(db => db.RecoveryCodes.Where(c => c.UserId == user.Id).Select(c => c.Id).ToListAsync());
        Assert.Equal(before.Order(), after.Order());
    }
}
