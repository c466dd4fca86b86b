using System.Net;
using IdentityHub.Core.Mfa;
using IdentityHub.Delivery;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Texts;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>
/// One server for the challenge tests: the portal has a help desk, 7 wrong codes lock an account, and
/// at most 5 codes are sent per hour.
/// </summary>
public sealed class ChallengeApp : IAsyncLifetime
{
    public const string HelpDesk = "1-800-555-0199";

    public IdentityHubApp App { get; } = new IdentityHubApp()
        .With("IdentityHub:Clients:0:HelpDeskPhone", HelpDesk)
        .With("IdentityHub:Mfa:Codes:MaxFailuresPerAccount", "7")
        .With("IdentityHub:Mfa:Codes:MaxCodesPerHour", "5");

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>The second-factor challenge (M3, M5): after the password, a code sent to an enrolled method.</summary>
public sealed class ChallengeTests(ChallengeApp fixture) : IClassFixture<ChallengeApp>
{
    private const string Phone = "+16505552652";
    private readonly IdentityHubApp _app = fixture.App;

    [Fact]
    public async Task A_password_alone_never_reaches_the_portal()
    {
        var name = NewName("pwonly");
        await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        var request = new AuthorizationRequest();
        var returnUrl = await browser.StartAtPortalAsync(request);

        var response = await browser.SubmitPasswordAsync(name, returnUrl: returnUrl);

        Assert.True(Browser.IsRedirectTo(response, Challenge), Describe(response));
        Assert.DoesNotContain("code=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Going back to the portal without the code: sign in first, no authorization code.
        var again = AuthorizationResult.From(await browser.AuthorizeAsync(request), request);
        Assert.True(Browser.IsRedirectTo(again.Response, "/account/login"), again.Describe());
        Assert.False(again.Parameters.ContainsKey("code"));
    }

    [Fact]
    public async Task The_challenge_page_shows_the_masked_address_the_reference_and_the_help_desk()
    {
        var name = NewName("page");
        var user = await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        var returnUrl = await browser.StartAtPortalAsync(new AuthorizationRequest());

        var html = await browser.PasswordToChallengeAsync(name, returnUrl);
        var page = HtmlPage.Parse(html);

        Assert.Equal($"We sent your 6-digit code to {MaskedEmailOf(name)} by email. It is valid for 5 minutes.", page.TextAt("#sent-to"));
        Assert.Equal(MaskedEmailOf(name), page.TextAt("#sent-to strong"));
        Assert.DoesNotContain(EmailOf(name), WebUtility.HtmlDecode(html)); // nowhere in the page, markup included
        Assert.EndsWith($"call the Help Desk: {ChallengeApp.HelpDesk}", page.TextAt("#help-desk"));
        Assert.Equal("tel:18005550199", page.One("#help-desk a").GetAttribute("href"));

        var reference = ReferenceOn(html);
        var events = await _app.QueryAsync(db => db.AuditEvents.Where(e => e.Reference == reference).ToListAsync());
        var sent = Assert.Single(events, e => e.Event == "mfa.code_sent");
        Assert.Equal("sent", sent.Outcome);
        Assert.Equal(user.Id, sent.UserId);

        // Shown again (a reload, a second tab), past the wait for a new code: the same code and reference,
        // nothing sent again.
        var messages = _app.Messages.All.Count(m => m.To == EmailOf(name));
        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        var again = await browser.GetAsync(Challenge);
        var againHtml = await again.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(reference, ReferenceOn(againHtml));
        Assert.Equal(messages, _app.Messages.All.Count(m => m.To == EmailOf(name)));
    }

    [Fact]
    public async Task The_emailed_code_has_the_plans_subject_and_wording()
    {
        var name = NewName("wording");
        await _app.CreateUserAsync(name);

        await _app.NewBrowser().PasswordToChallengeAsync(name);

        var message = Assert.Single(_app.Messages.To(EmailOf(name)));
        var code = CapturedMessages.CodeIn(message);
        Assert.Equal(DeliveryKind.Email, message.Kind);
        Assert.Equal("Your account security code.", message.Subject);
        Assert.Equal($"Please use security code {code} to log in to your health plan portal account.", message.Body);
        Assert.Matches("^[0-9]{6}$", code);
    }

    [Fact]
    public async Task A_wrong_code_says_it_is_not_correct_and_how_many_tries_are_left()
    {
        var name = NewName("wrong");
        await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        var html = await browser.PasswordToChallengeAsync(name);
        var code = _app.Messages.CodeSentTo(EmailOf(name));

        var response = await browser.VerifyAsync(html, WrongCode(code));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That code is not correct. Check the code and try again (4 tries left).", await response.TextAsync());
        Assert.True(Browser.IsRedirectTo(await browser.AuthorizeAsync(new AuthorizationRequest()), "/account/login"));
    }

    [Fact]
    public async Task Five_wrong_tries_use_up_the_code_so_that_even_the_right_code_is_refused()
    {
        var name = NewName("fivewrong");
        var user = await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        var html = await browser.PasswordToChallengeAsync(name);
        var code = _app.Messages.CodeSentTo(EmailOf(name));

        for (var left = 4; left >= 1; left--)
        {
            var wrong = await browser.VerifyAsync(html, WrongCode(code));
            Assert.Contains($"({left} {(left == 1 ? "try" : "tries")} left)", await wrong.TextAsync());
        }

        var fifth = await browser.VerifyAsync(html, WrongCode(code));
        Assert.Contains("That code has been entered wrongly too many times. Request a new code.", await fifth.TextAsync());

        var right = await browser.VerifyAsync(html, code);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("That code has been entered wrongly too many times. Request a new code.", await right.TextAsync());

        var stored = await _app.QueryAsync(db => db.OneTimeCodes.SingleAsync(c => c.UserId == user.Id));
        Assert.Equal(5, stored.FailedAttempts);
        Assert.Null(stored.UsedAt);
    }

    [Fact]
    public async Task A_code_older_than_five_minutes_has_expired()
    {
        var name = NewName("expired");
        await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        var html = await browser.PasswordToChallengeAsync(name);
        var code = _app.Messages.CodeSentTo(EmailOf(name));

        _app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var response = await browser.VerifyAsync(html, code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("That code has expired. Request a new code.", (await HtmlPage.ReadAsync(response)).TextAt("#code-error"));
        Assert.True(Browser.IsRedirectTo(await browser.AuthorizeAsync(new AuthorizationRequest()), "/account/login"), "An expired code signed the browser in.");
    }

    [Fact]
    public async Task Replaying_an_accepted_code_with_a_saved_attempt_cookie_says_it_was_already_used()
    {
        var name = NewName("replay");
        await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        var html = await browser.PasswordToChallengeAsync(name);
        var code = _app.Messages.CodeSentTo(EmailOf(name));
        Assert.NotNull(browser.CookieValue(AttemptCookie));
        var saved = browser.SaveCookies();

        var accepted = await browser.VerifyAsync(html, code);
        Assert.True(Browser.IsRedirectTo(accepted, "/"), Describe(accepted));
        Assert.Null(browser.CookieValue(AttemptCookie));

        // The same post again, from the saved copy of the cookies (the attempt cookie included).
        var replayer = _app.NewBrowser();
        replayer.PutCookies(saved);
        var replay = await replayer.VerifyAsync(html, code);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("That code has already been used. Request a new code.", await replay.TextAsync());
        Assert.True(Browser.IsRedirectTo(await replayer.AuthorizeAsync(new AuthorizationRequest()), "/account/login"));
    }

    [Fact]
    public async Task Wrong_codes_across_codes_lock_the_account_until_the_lockout_ends()
    {
        var name = NewName("lock");
        var user = await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        var request = new AuthorizationRequest();
        var html = await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(request));
        var first = _app.Messages.CodeSentTo(EmailOf(name));
        for (var i = 0; i < 5; i++)
        {
            await browser.VerifyAsync(html, WrongCode(first));
        }

        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        var resent = await browser.ResendAsync(html);
        Assert.Contains(Words.English<MfaText>("MfaCode.NewCodeSent"), await resent.TextAsync());
        var second = _app.Messages.CodeSentTo(EmailOf(name));
        Assert.Equal(2, _app.Messages.To(EmailOf(name)).Count);

        var sixth = await browser.VerifyAsync(html, WrongCode(second));
        Assert.Contains("That code is not correct.", await sixth.TextAsync());

        // The seventh wrong code for the account (MaxFailuresPerAccount = 7) locks it, and the page says so.
        const string Locked = "Too many wrong codes were entered for this account. For your security, wait 15 minutes and try again, or call the help desk.";
        var seventh = await browser.VerifyAsync(html, WrongCode(second));
        Assert.Contains(Locked, await seventh.TextAsync());

        var right = await browser.VerifyAsync(html, second);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(Locked, await right.TextAsync());
        var lockedUntil = await _app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.MfaLockedUntil).SingleAsync());
        Assert.True(lockedUntil > _app.Clock.GetUtcNow());

        // After the lockout, a new code works.
        _app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var afterLockout = await browser.ResendAsync(html);
        Assert.Contains(Words.English<MfaText>("MfaCode.NewCodeSent"), await afterLockout.TextAsync());
        var third = _app.Messages.CodeSentTo(EmailOf(name));
        var accepted = await browser.VerifyAsync(html, third);
        Assert.False(string.IsNullOrEmpty((await browser.BackToPortalAsync(accepted, request)).Code));
    }

    [Fact]
    public async Task A_new_code_needs_a_30_second_wait_and_replaces_the_old_one()
    {
        var name = NewName("resend");
        await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        var html = await browser.PasswordToChallengeAsync(name);
        var old = _app.Messages.CodeSentTo(EmailOf(name));

        var tooSoon = await browser.ResendAsync(html);
        Assert.Equal(HttpStatusCode.OK, tooSoon.StatusCode);
        Assert.Contains("Please wait 30 seconds before asking for another code.", await tooSoon.TextAsync());
        Assert.Single(_app.Messages.To(EmailOf(name)));

        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        var resent = await browser.ResendAsync(html);
        var resentPage = await HtmlPage.ReadAsync(resent);
        Assert.Equal(Words.English<MfaText>("MfaCode.NewCodeSent"), resentPage.TextAt("#code-sent"));
        Assert.StartsWith($"We sent your 6-digit code to {MaskedEmailOf(name)} by email.", resentPage.TextAt("#sent-to"));
        Assert.Equal(2, _app.Messages.To(EmailOf(name)).Count);
        var fresh = _app.Messages.CodeSentTo(EmailOf(name));

        if (fresh != old)
        {
            var withOld = await browser.VerifyAsync(html, old);
            Assert.Contains("That code is not correct.", await withOld.TextAsync());
        }

        var withNew = await browser.VerifyAsync(html, fresh);
        Assert.True(Browser.IsRedirectTo(withNew, "/"), Describe(withNew));
    }

    [Fact]
    public async Task No_more_codes_are_sent_in_an_hour_than_MaxCodesPerHour_allows()
    {
        var name = NewName("hourly");
        await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        var html = await browser.PasswordToChallengeAsync(name);
        for (var i = 0; i < 4; i++)
        {
            _app.Clock.Advance(TimeSpan.FromSeconds(31));
            Assert.Contains(Words.English<MfaText>("MfaCode.NewCodeSent"), await (await browser.ResendAsync(html)).TextAsync());
        }

        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        var capped = await browser.ResendAsync(html);

        Assert.Equal(HttpStatusCode.OK, capped.StatusCode);
        Assert.Contains("You have asked for too many codes. Try again later, or use the last code you received.", await capped.TextAsync());
        Assert.Equal(5, _app.Messages.To(EmailOf(name)).Count);
        var last = await browser.VerifyAsync(html, _app.Messages.CodeSentTo(EmailOf(name)));
        Assert.True(Browser.IsRedirectTo(last, "/"), Describe(last));
    }

    [Fact]
    public async Task Codes_are_stored_only_as_salted_hashes()
    {
        var name = NewName("hashed");
        var user = await _app.CreateUserAsync(name);

        await _app.NewBrowser().PasswordToChallengeAsync(name);

        var code = _app.Messages.CodeSentTo(EmailOf(name));
        var stored = await _app.QueryAsync(db => db.OneTimeCodes.SingleAsync(c => c.UserId == user.Id));
        Assert.Equal(MaskedEmailOf(name), stored.SentTo);
        Assert.Equal(CodePurposes.SignIn, stored.Purpose);
        foreach (var column in new[] { stored.Hash, stored.Salt, stored.SentTo, stored.Purpose, stored.Binding })
        {
            Assert.DoesNotContain(code, column, StringComparison.Ordinal);
        }

        Assert.True(stored.Hash.Length >= 43, "A SHA-256 MAC in base64url has 43 characters.");
    }

    [Fact]
    public async Task Try_another_method_sends_the_code_by_text_message_and_the_id_token_says_sms_and_the_next_sign_in_starts_there()
    {
        var name = NewName("other");
        var user = await _app.CreateUserAsync(name);
        var sms = await AddMethodAsync(user.Id, MfaMethodKind.Sms, Phone);
        var browser = _app.NewBrowser();
        var request = new AuthorizationRequest();
        var html = await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(request));

        var page = HtmlPage.Parse(html);
        Assert.Equal("Resend code or try another method", page.TextAt("#other-ways"));
        Assert.Contains("Send a text message to (***) ***-2652", page.TextAt("#other-methods"));
        Assert.DoesNotContain(Phone, WebUtility.HtmlDecode(html)); // nowhere in the page, markup included

        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        var switched = await browser.UseMethodAsync(html, sms.Id);
        var switchedHtml = await switched.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal("We sent your 6-digit code to (***) ***-2652 by text message. It is valid for 5 minutes.", HtmlPage.Parse(switchedHtml).TextAt("#sent-to"));
        var message = _app.Messages.All.Last(m => m.To == Phone);
        Assert.Equal(DeliveryKind.Sms, message.Kind);

        var verified = await browser.VerifyAsync(switchedHtml, CapturedMessages.CodeIn(message));
        var authorization = await browser.BackToPortalAsync(verified, request);

        var (acr, amr) = await _app.AssuranceAsync(authorization);
        Assert.Equal("urn:identityhub:acr:aal2", acr);
        Assert.Contains("sms", amr);
        Assert.DoesNotContain("mail", amr);

        // The method used is remembered (saved with the code check), so the next sign-in starts with it.
        var usedAt = _app.Clock.GetUtcNow();
        var lastUsed = await _app.QueryAsync(db => db.MfaMethods.Where(m => m.Id == sms.Id).Select(m => m.LastUsedAt).SingleAsync());
        Assert.Equal(usedAt, lastUsed!.Value, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        var next = _app.NewBrowser();
        var nextHtml = await next.PasswordToChallengeAsync(name, await next.StartAtPortalAsync(new AuthorizationRequest()));
        Assert.Equal("We sent your 6-digit code to (***) ***-2652 by text message. It is valid for 5 minutes.", HtmlPage.Parse(nextHtml).TextAt("#sent-to"));
    }

    [Fact]
    public async Task A_phone_call_reads_the_digits_slowly_twice()
    {
        var name = NewName("voice");
        var user = await _app.CreateUserAsync(name, enrollEmail: false);
        await AddMethodAsync(user.Id, MfaMethodKind.Voice, Phone);
        var browser = _app.NewBrowser();

        var html = await browser.PasswordToChallengeAsync(name);

        Assert.Equal("We are calling (***) ***-2652 to read your 6-digit code aloud. It is valid for 5 minutes.", HtmlPage.Parse(html).TextAt("#sent-to"));
        var message = _app.Messages.All.Last(m => m.To == Phone);
        Assert.Equal(DeliveryKind.Voice, message.Kind);
        var code = CapturedMessages.CodeIn(message);
        var spoken = string.Join(", ", code.ToCharArray());
        Assert.Equal($"Hello. Your health plan portal security code is {spoken}. Again, your code is {spoken}.", message.Body);

        var verified = await browser.VerifyAsync(html, code);
        Assert.True(Browser.IsRedirectTo(verified, "/"), Describe(verified));
    }

    [Fact]
    public async Task When_the_email_provider_fails_the_page_offers_another_method_instead_of_an_error()
    {
        var name = NewName("failing");
        var user = await _app.CreateUserAsync(name);
        var sms = await AddMethodAsync(user.Id, MfaMethodKind.Sms, Phone);
        var browser = _app.NewBrowser();
        var request = new AuthorizationRequest();
        var returnUrl = await browser.StartAtPortalAsync(request);
        const string CouldNotSend = "We could not send your code. Try another method or call " + ChallengeApp.HelpDesk + ".";

        _app.Messages.Failing.Add(DeliveryKind.Email);
        try
        {
            var html = await browser.PasswordToChallengeAsync(name, returnUrl);
            Assert.Contains(CouldNotSend, HtmlPage.TextOf(html));
            Assert.Empty(_app.Messages.To(EmailOf(name)));

            _app.Clock.Advance(TimeSpan.FromSeconds(31));
            var resent = await browser.ResendAsync(html);
            Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
            Assert.Contains(CouldNotSend, await resent.TextAsync());

            _app.Clock.Advance(TimeSpan.FromSeconds(31));
            var switched = await browser.UseMethodAsync(html, sms.Id);
            Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
            var switchedHtml = await switched.Content.ReadAsStringAsync();
            Assert.DoesNotContain("We could not send your code", HtmlPage.TextOf(switchedHtml));

            var verified = await browser.VerifyAsync(switchedHtml, _app.Messages.CodeSentTo(Phone));
            Assert.False(string.IsNullOrEmpty((await browser.BackToPortalAsync(verified, request)).Code));
        }
        finally
        {
            _app.Messages.Failing.Remove(DeliveryKind.Email);
        }

        var failures = await _app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "mfa.code_sent" && e.Outcome == "failed"));
        Assert.Equal(2, failures);
    }

    /// <summary>
    /// Enrolls another method, last used a day ago, while the user's other methods were used just now:
    /// the email method stays the one the challenge starts with.
    /// </summary>
    private async Task<Data.Mfa.MfaMethod> AddMethodAsync(string userId, MfaMethodKind kind, string destination)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.IdentityHubDbContext>();
        var now = _app.Clock.GetUtcNow();
        await db.MfaMethods.Where(m => m.UserId == userId).ForEachAsync(m => m.LastUsedAt = now);
        var method = await scope.ServiceProvider.GetRequiredService<EnrolledMethods>().AddAsync(userId, kind, destination);
        method.LastUsedAt = now.AddDays(-1);
        method.CreatedAt = now.AddDays(-1);
        await db.SaveChangesAsync();
        return method;
    }
}
