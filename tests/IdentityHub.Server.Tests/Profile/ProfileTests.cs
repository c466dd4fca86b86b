using System.Net;
using IdentityHub.Delivery;
using IdentityHub.Server.Profile;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Profile;

/// <summary>The profile page (A11): changes need a fresh second factor; a new email or phone is confirmed by a code sent to it.</summary>
public sealed class ProfileTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string ProfilePage = "/account/profile";

    [Fact]
    public async Task The_page_shows_the_contact_details()
    {
        var (name, _, browser) = await SignedInAsync("show");

        var page = HtmlPage.Parse(await browser.PageAsync(ProfilePage));

        Assert.Equal("Rosa", page.ValueOf("GivenName"));
        Assert.Equal("Ramirez", page.ValueOf("FamilyName"));
        Assert.Equal($"Your email address: {EmailOf(name)}", page.TextAt("#current-email"));
        Assert.Equal("Your phone number: (650) 555-2652", page.TextAt("#current-phone"));
        Assert.False(page.Has("#fresh-check-note"), page.Text);
    }

    [Fact]
    public async Task A_phone_from_another_country_is_shown_in_the_international_format()
    {
        var (_, user, browser) = await SignedInAsync("abroad");
        await app.QueryAsync(async db =>
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
            stored.PhoneNumber = "+447400123456";
            return await db.SaveChangesAsync();
        });

        var page = HtmlPage.Parse(await browser.PageAsync(ProfilePage));

        Assert.Equal("Your phone number: +44 7400 123456", page.TextAt("#current-phone"));
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in()
    {
        var response = await app.NewBrowser().GetAsync(ProfilePage);

        Assert.True(Browser.IsRedirectTo(response, "/account/login"), Describe(response));
    }

    [Fact]
    public async Task Without_a_fresh_second_factor_a_change_first_goes_to_the_challenge()
    {
        var (_, user, browser) = await SignedInAsync("stale");
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var page = await browser.PageAsync(ProfilePage);
        Assert.Contains("we will send you a code before you change anything on this page", HtmlPage.Parse(page).TextAt("#fresh-check-note"));

        var response = await browser.PostPageFormAsync(page, ProfilePage + "?handler=Name",
            new Dictionary<string, string> { ["GivenName"] = "Changed", ["FamilyName"] = "Name" });

        Assert.True(Browser.IsRedirectTo(response, Challenge), Describe(response));
        var stored = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.Equal("Rosa", stored.GivenName);
    }

    [Fact]
    public async Task The_name_changes_at_once_and_is_audited()
    {
        var (_, user, browser) = await SignedInAsync("name");

        var response = await browser.PostProfileAsync("Name", new Dictionary<string, string> { ["GivenName"] = " Rosalind ", ["FamilyName"] = "Ramírez Soto" });

        Assert.True(Browser.IsRedirectTo(response, ProfilePage), Describe(response));
        var stored = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.Equal("Rosalind", stored.GivenName);
        Assert.Equal("Ramírez Soto", stored.FamilyName);
        Assert.Contains("Your name was saved.", await (await browser.GetAsync(ProfilePage)).TextAsync());
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "profile.name_changed")));
    }

    [Fact]
    public async Task An_empty_name_or_a_bad_email_is_refused_with_a_plain_message()
    {
        var (name, user, browser) = await SignedInAsync("bad");

        var blank = await browser.PostProfileAsync("Name", new Dictionary<string, string> { ["GivenName"] = "", ["FamilyName"] = "Ramirez" });
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("Enter your first name.", await blank.TextAsync());

        var email = await browser.PostProfileAsync("Email", new Dictionary<string, string> { ["NewEmail"] = "not an email" });
        Assert.Equal(HttpStatusCode.OK, email.StatusCode);
        Assert.Contains("Enter an email address in the format name@example.com.", await email.TextAsync());

        var phone = await browser.PostProfileAsync("Phone", new Dictionary<string, string> { ["Country"] = "US", ["NewPhone"] = "12" });
        Assert.Equal(HttpStatusCode.OK, phone.StatusCode);
        Assert.Contains("Enter a valid phone number for the country you chose.", await phone.TextAsync());

        var noCountry = await browser.PostProfileAsync("Phone", new Dictionary<string, string> { ["Country"] = "<x>", ["NewPhone"] = "(650) 555-2653" });
        Assert.Equal(HttpStatusCode.OK, noCountry.StatusCode);

        var noPending = await browser.PostProfileAsync("Verify", new Dictionary<string, string> { ["Code"] = "123456" });
        Assert.Equal(HttpStatusCode.OK, noPending.StatusCode);
        Assert.Contains("There is no change waiting for a code", await noPending.TextAsync());

        var stored = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.Equal(("Rosa", EmailOf(name), "+16505552652"), (stored.GivenName, stored.Email, stored.PhoneNumber));
    }

    [Fact]
    public async Task A_new_email_is_confirmed_by_a_code_sent_to_it_and_the_old_address_is_told()
    {
        var (name, user, browser) = await SignedInAsync("email");
        var oldEmail = EmailOf(name);
        var newEmail = NewName("new") + "@example.org";

        var start = await browser.PostProfileAsync("Email", new Dictionary<string, string> { ["NewEmail"] = newEmail });

        Assert.True(Browser.IsRedirectTo(start, ProfilePage), Describe(start));
        var sent = app.Messages.LatestTo(newEmail);
        Assert.Equal(DeliveryKind.Email, sent.Kind);
        var code = CapturedMessages.CodeIn(sent);
        var html = await browser.PageAsync(ProfilePage);
        Assert.Equal("Confirm your new email address", HtmlPage.Parse(html).TextAt("#pending-heading"));
        Assert.DoesNotContain(newEmail, WebUtility.HtmlDecode(html)); // nowhere in the page, markup included
        Assert.DoesNotContain(code, WebUtility.HtmlDecode(html));
        Assert.Equal(oldEmail, (await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id))).Email);

        var wrong = await browser.PostProfileAsync("Verify", new Dictionary<string, string> { ["Code"] = WrongCode(code) });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not correct.", await wrong.TextAsync());
        var unchanged = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.Equal(oldEmail, unchanged.Email);
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "profile.email_changed")));

        var right = await browser.PostProfileAsync("Verify", new Dictionary<string, string> { ["Code"] = code });

        Assert.True(Browser.IsRedirectTo(right, ProfilePage), Describe(right));
        var changed = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.Equal(newEmail, changed.Email);
        Assert.Equal(newEmail.ToUpperInvariant(), changed.NormalizedEmail);
        Assert.True(changed.EmailConfirmed);
        var notice = app.Messages.LatestTo(oldEmail);
        Assert.Equal(Words.English<MessageText>("ContactChanged.EmailSubject"), notice.Subject);
        Assert.Contains("Your email address was changed", notice.Body);
        var audited = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.UserId == user.Id && e.Event == "profile.email_changed"));
        Assert.Equal(audited.Reference, notice.Reference);
        Assert.Contains("Reference number: " + audited.Reference, notice.Body);
        var after = await (await browser.GetAsync(ProfilePage)).TextAsync();
        Assert.Contains("Your email address was changed.", after);
        Assert.DoesNotContain("Confirm your new email address", after);

        // The code cannot finish a second change.
        var replay = await browser.PostProfileAsync("Verify", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
    }

    [Fact]
    public async Task A_new_phone_is_confirmed_by_a_text_to_it_and_the_account_email_is_told()
    {
        var (name, user, browser) = await SignedInAsync("phone");
        const string NewPhone = "+16505552653";

        var start = await browser.PostProfileAsync("Phone", new Dictionary<string, string> { ["Country"] = "US", ["NewPhone"] = "(650) 555-2653" });

        Assert.True(Browser.IsRedirectTo(start, ProfilePage), Describe(start));
        var sent = app.Messages.LatestTo(NewPhone);
        Assert.Equal(DeliveryKind.Sms, sent.Kind);
        var code = CapturedMessages.CodeIn(sent);
        Assert.Contains("(***) ***-2653", await (await browser.GetAsync(ProfilePage)).TextAsync());

        var wrong = await browser.PostProfileAsync("Verify", new Dictionary<string, string> { ["Code"] = WrongCode(code) });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not correct.", await wrong.TextAsync());
        Assert.Equal("+16505552652", (await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id))).PhoneNumber);

        var right = await browser.PostProfileAsync("Verify", new Dictionary<string, string> { ["Code"] = code });

        Assert.True(Browser.IsRedirectTo(right, ProfilePage), Describe(right));
        var changed = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.Equal(NewPhone, changed.PhoneNumber);
        Assert.True(changed.PhoneNumberConfirmed);
        var notice = app.Messages.LatestTo(EmailOf(name));
        Assert.Equal(Words.English<MessageText>("ContactChanged.PhoneSubject"), notice.Subject);
        var audited = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.UserId == user.Id && e.Event == "profile.phone_changed"));
        Assert.Equal(audited.Reference, notice.Reference);
    }

    [Fact]
    public async Task A_forged_pending_change_cookie_is_ignored()
    {
        var (_, user, browser) = await SignedInAsync("forged");
        browser.Cookies.Add(new Uri("https://localhost/account/profile"), new Cookie(IdentityHub.Hosting.HardenedCookies.Name(PendingContactChange.CookieName, PendingContactChange.CookiePath, secure: true), "not-protected", "/account/profile"));

        var response = await browser.PostProfileAsync("Verify", new Dictionary<string, string> { ["Code"] = "123456" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is no change waiting for a code", await response.TextAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event.StartsWith("profile."))));
    }

    private async Task<(string Name, Data.Users.IdentityHubUser User, Browser Browser)> SignedInAsync(string prefix)
    {
        var name = NewName(prefix);
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        var response = await browser.SignInAsync(name);
        Assert.True(Browser.IsRedirectTo(response, "/"), Describe(response));
        return (name, user, browser);
    }
}

internal static class ProfileSteps
{
    /// <summary>Posts one of the profile page's forms (only the antiforgery token and the given fields).</summary>
    public static async Task<HttpResponseMessage> PostProfileAsync(this Browser browser, string handler, IDictionary<string, string> fields)
    {
        var html = await browser.PageAsync("/account/profile");
        return await browser.PostPageFormAsync(html, "/account/profile?handler=" + handler, fields);
    }
}
