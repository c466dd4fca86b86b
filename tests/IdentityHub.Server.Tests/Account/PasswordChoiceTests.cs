using System.Net;
using IdentityHub.Accounts;
using IdentityHub.Data.Users;
using IdentityHub.Server.Account;
using IdentityHub.Server.Pages.Account;
using IdentityHub.Server.Pages.Account.Password;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Account;

/// <summary>
/// The page a password reset started by an administrator links to (D6): a usable link lets the person choose
/// a password under the rules, once; every old session ends; an expired, used or unknown link says so.
/// </summary>
public sealed class PasswordChoiceTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Fresh = "a brand new and rather long passphrase";
    private const string Done = "/account/forgot-password/done";

    [Fact]
    public async Task A_usable_link_sets_a_password_that_signs_in_once_and_ends_the_old_sessions()
    {
        var name = NewName("chooser");
        var user = await app.CreateUserAsync(name);
        var signedIn = app.NewBrowser();
        await signedIn.CodeFlowAsync(name, new AuthorizationRequest());
        var url = await LinkAsync(user.Id, TimeSpan.FromHours(24));
        var browser = app.NewBrowser();

        var page = HtmlPage.Parse(await browser.PageAsync(url));
        Assert.Equal(name, page.Document.QuerySelector("#user-name")?.TextContent);
        Assert.Contains("At least 8 characters", page.Text);
        var chosen = await browser.SubmitAsync(url, new Dictionary<string, string> { ["NewPassword"] = Fresh, ["ConfirmPassword"] = Fresh });

        Assert.True(Browser.IsRedirectTo(chosen, Done), Describe(chosen) + " " + await chosen.TextAsync());
        var withNew = await app.NewBrowser().SubmitPasswordAsync(name, Fresh);
        Assert.True(Browser.IsRedirectTo(withNew, Challenge), Describe(withNew));
        Assert.Contains(Words.English<IdentityHub.Server.Texts.SignInText>("Login.WrongCredentials"), await (await app.NewBrowser().SubmitPasswordAsync(name, TestUsers.Password)).TextAsync());
        var again = await signedIn.AuthorizeAsync(new AuthorizationRequest());
        Assert.True(Browser.IsRedirectTo(again, "/account/login"), Describe(again));
        Assert.Equal(Words.English<MessageText>("PasswordChanged.Subject"), app.Messages.LatestTo(EmailOf(name)).Subject);
        Assert.Null(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PasswordChoiceHash).SingleAsync()));

        var used = HtmlPage.Parse(await app.NewBrowser().PageAsync(url));
        Assert.Equal(Words.English<IdentityHub.Server.Texts.RecoveryText>("PasswordLink.Unusable"), used.Document.QuerySelector("#link-unusable")?.TextContent);
        Assert.Null(used.Document.QuerySelector("form input[name=NewPassword]"));
    }

    [Fact]
    public async Task An_expired_unknown_or_replaced_link_is_refused_in_one_way()
    {
        var name = NewName("expired");
        var user = await app.CreateUserAsync(name);
        var replaced = await LinkAsync(user.Id, TimeSpan.FromHours(24));
        var current = await LinkAsync(user.Id, TimeSpan.FromHours(24));

        app.Clock.Advance(TimeSpan.FromHours(24));
        foreach (var url in new[] { current, replaced, TokenServerPath("not-a-real-code"), TokenServerPath(new string('x', 5000)), "/Account/Password/Choose" })
        {
            var response = await app.NewBrowser().GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(Words.English<IdentityHub.Server.Texts.RecoveryText>("PasswordLink.Unusable"), HtmlPage.TextOf(await response.Content.ReadAsStringAsync()));
        }

        var browser = app.NewBrowser();
        var fresh = await LinkAsync(user.Id, TimeSpan.FromHours(24));
        var form = await browser.PageAsync(fresh);
        app.Clock.Advance(TimeSpan.FromHours(24));
        var posted = await browser.PostPageFormAsync(form, fresh, new Dictionary<string, string>
        {
            ["code"] = HtmlPage.HiddenFieldsOf(HtmlPage.Parse(form).FormPostingTo(fresh))["code"], ["NewPassword"] = Fresh, ["ConfirmPassword"] = Fresh,
        });
        Assert.Contains(Words.English<IdentityHub.Server.Texts.RecoveryText>("PasswordLink.Unusable"), HtmlPage.TextOf(await posted.Content.ReadAsStringAsync()));
        Assert.True(Browser.IsRedirectTo(await app.NewBrowser().SubmitPasswordAsync(name, TestUsers.Password), Challenge));
    }

    [Fact]
    public async Task Mistakes_are_listed_with_links_to_their_fields_and_leave_the_link_working()
    {
        var name = NewName("mistaken");
        var user = await app.CreateUserAsync(name);
        var url = await LinkAsync(user.Id, TimeSpan.FromHours(24));
        var browser = app.NewBrowser();

        var mismatch = HtmlPage.Parse(await (await browser.SubmitAsync(url, new Dictionary<string, string> { ["NewPassword"] = Fresh, ["ConfirmPassword"] = Fresh + "!" })).Content.ReadAsStringAsync());
        var summary = mismatch.Document.QuerySelector("#error-summary a[href='#ConfirmPassword']");
        Assert.Equal("The two passwords do not match. Enter the same new password twice.", summary?.TextContent);

        var weak = HtmlPage.Parse(await (await browser.SubmitAsync(url, new Dictionary<string, string> { ["NewPassword"] = "short", ["ConfirmPassword"] = "short" })).Content.ReadAsStringAsync());
        Assert.NotNull(weak.Document.QuerySelector("#error-summary a[href='#NewPassword']"));
        Assert.NotEmpty(weak.Document.QuerySelector("#new-password-error")!.TextContent);

        Assert.NotNull(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PasswordChoiceHash).SingleAsync()));
        var chosen = await browser.SubmitAsync(url, new Dictionary<string, string> { ["NewPassword"] = Fresh, ["ConfirmPassword"] = Fresh });
        Assert.True(Browser.IsRedirectTo(chosen, Done), Describe(chosen));
    }

    /// <summary>Issues a link as the admin host does, and returns the page address it points to.</summary>
    private async Task<string> LinkAsync(string userId, TimeSpan lifetime)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        var secret = scope.ServiceProvider.GetRequiredService<PasswordChoiceLinks>().Issue(user, lifetime);
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        return TokenServerPath(secret);
    }

    private static string TokenServerPath(string secret) => $"/Account/Password/Choose?code={Uri.EscapeDataString(secret)}";
}
