using System.Net;
using IdentityHub.Server.Account;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Account;

/// <summary>A signed-in person changes their own password from the account page (issue 17).</summary>
public sealed class PasswordChangeTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string PasswordUrl = "/account/password";
    private const string NewPassword = "a brand new and long passphrase";

    [Fact]
    public async Task The_account_page_links_to_the_password_form_which_asks_for_the_current_password_first()
    {
        var (_, _, browser) = await SignedInAsync("form");

        var security = HtmlPage.Parse(await browser.PageAsync(Security));
        Assert.Equal(PasswordUrl, security.Find("#change-password-link")!.GetAttribute("href"));

        var page = HtmlPage.Parse(await browser.PageAsync(PasswordUrl));
        Assert.Equal("current-password", page.Find("#CurrentPassword")!.GetAttribute("autocomplete"));
        Assert.Equal("new-password", page.Find("#NewPassword")!.GetAttribute("autocomplete"));
        Assert.Equal("new-password", page.Find("#ConfirmPassword")!.GetAttribute("autocomplete"));
        Assert.Equal("Current password", page.TextAt("label[for=CurrentPassword]"));
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in()
    {
        var response = await app.NewBrowser().GetAsync(PasswordUrl);

        Assert.True(Browser.IsRedirectTo(response, "/account/login"), Describe(response));
    }

    [Fact]
    public async Task The_new_password_works_this_browser_stays_signed_in_others_are_signed_out_and_the_email_is_told()
    {
        var (name, user, browser) = await SignedInAsync("change");
        var other = app.NewBrowser();
        Assert.True(Browser.IsRedirectTo(await other.SignInAsync(name), "/"));

        var response = await ChangeAsync(browser, TestUsers.Password, NewPassword, NewPassword);

        Assert.True(Browser.IsRedirectTo(response, Security), Describe(response) + " " + await response.TextAsync());
        var security = HtmlPage.Parse(await browser.PageAsync(Security));
        Assert.Equal(Words.English<IdentityHub.Server.Texts.AccountText>("OwnPassword.Changed"), security.TextAt("#security-notice"));
        Assert.True(Browser.IsRedirectTo(await other.GetAsync(Security), "/account/login"));

        var notice = app.Messages.LatestTo(EmailOf(name));
        Assert.Equal(Words.English<MessageText>("Notice.PasswordChanged.Subject"), notice.Subject);
        Assert.Contains($"The password for your health plan portal account {name} was changed on ", notice.Body);
        Assert.Contains("If this was not you, ", notice.Body);
        Assert.Contains("Reference number: " + notice.Reference, notice.Body);
        var audited = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.UserId == user.Id && e.Event == "password.changed" && e.Outcome == "succeeded"));
        Assert.Equal(notice.Reference, audited.Reference);

        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Data.Users.IdentityHubUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        Assert.True(await users.CheckPasswordAsync(stored, NewPassword));
        Assert.False(await users.CheckPasswordAsync(stored, TestUsers.Password));
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing_and_counts_as_a_failed_attempt()
    {
        var (name, user, browser) = await SignedInAsync("wrong");
        var messages = app.Messages.To(EmailOf(name)).Count;

        var response = await ChangeAsync(browser, "not my password at all", NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HtmlPage.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Words.English<IdentityHub.Server.Texts.AccountText>("OwnPassword.WrongCurrent"), page.TextAt("#current-password-error"));
        Assert.Equal("#CurrentPassword", page.Find("#error-summary a")!.GetAttribute("href"));
        Assert.Equal(messages, app.Messages.To(EmailOf(name)).Count);
        var stored = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.Equal(1, stored.AccessFailedCount);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "password.changed" && e.Outcome == "wrong_password")));
    }

    [Fact]
    public async Task Too_many_wrong_current_passwords_lock_the_account_like_at_sign_in()
    {
        var (_, user, browser) = await SignedInAsync("locks");
        HttpResponseMessage response = null!;
        for (var i = 0; i < 6; i++)
        {
            response = await ChangeAsync(browser, "not my password " + i, NewPassword, NewPassword);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Words.English<IdentityHub.Server.Texts.AccountText>("OwnPassword.Locked"), await response.TextAsync());
        var stored = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.NotNull(stored.LockoutEnd);

        // Locked: even the right password changes nothing until the lockout ends.
        var right = await ChangeAsync(browser, TestUsers.Password, NewPassword, NewPassword);
        Assert.Contains(Words.English<IdentityHub.Server.Texts.AccountText>("OwnPassword.Locked"), await right.TextAsync());
    }

    [Fact]
    public async Task A_new_password_against_the_rules_or_typed_differently_is_refused_on_its_field()
    {
        var (_, user, browser) = await SignedInAsync("rules");

        var mismatch = await ChangeAsync(browser, TestUsers.Password, NewPassword, NewPassword + "x");
        Assert.Equal(Words.English<IdentityHub.Server.Texts.AccountText>("OwnPassword.Mismatch"), HtmlPage.Parse(await mismatch.Content.ReadAsStringAsync()).TextAt("#confirm-password-error"));

        var tooShort = await ChangeAsync(browser, TestUsers.Password, "short", "short");
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        var page = HtmlPage.Parse(await tooShort.Content.ReadAsStringAsync());
        Assert.NotEmpty(page.TextAt("#new-password-error"));
        Assert.Equal("#NewPassword", page.Find("#error-summary a")!.GetAttribute("href"));
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "password.changed" && e.Outcome == "succeeded")));
    }

    private static async Task<HttpResponseMessage> ChangeAsync(Browser browser, string current, string password, string confirmation)
    {
        var html = await browser.PageAsync(PasswordUrl);
        return await browser.PostPageFormAsync(html, PasswordUrl, new Dictionary<string, string>
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = password,
            ["ConfirmPassword"] = confirmation,
        });
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
