using System.Net;
using IdentityHub.Core.Mfa;
using IdentityHub.Delivery;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>The account security page (M8): methods listed masked; changes need a recent second factor.</summary>
public sealed class AccountSecurityTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Phone = "+16505552652";

    [Fact]
    public async Task The_page_lists_the_method_masked()
    {
        var (name, _, browser) = await SignedInAsync("list");

        var html = await browser.PageAsync(Security);
        var page = HtmlPage.Parse(html);

        Assert.Equal([("Email", MaskedEmailOf(name))], MethodsListed(html));
        Assert.DoesNotContain(EmailOf(name), WebUtility.HtmlDecode(html)); // nowhere in the page, markup included
        Assert.Equal("Your only method", page.TextAt("#methods tbody .hint"));
        Assert.False(page.Has("#fresh-check-note"), page.Text);
        Assert.DoesNotContain("we will send you a code before you change anything", page.Text);
    }

    [Fact]
    public async Task The_only_method_cannot_be_removed()
    {
        var (_, user, browser) = await SignedInAsync("only");
        var method = await app.QueryAsync(db => db.MfaMethods.SingleAsync(m => m.UserId == user.Id));

        var response = await browser.PostSecurityAsync("Remove", new Dictionary<string, string> { ["methodId"] = method.Id });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You cannot remove your only way to receive security codes. Add another method first.", await response.TextAsync());
        Assert.Equal(1, await app.QueryAsync(db => db.MfaMethods.CountAsync(m => m.UserId == user.Id)));
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "mfa.method_removed")));
    }

    [Fact]
    public async Task After_five_minutes_a_change_first_asks_for_a_code_and_then_returns_to_the_page()
    {
        var (name, user, browser) = await SignedInAsync("stale");
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var page = await browser.PageAsync(Security);
        Assert.Contains("we will send you a code before you change anything on this page", HtmlPage.Parse(page).TextAt("#fresh-check-note"));
        var codesBefore = app.Messages.To(EmailOf(name)).Count;

        var add = await browser.PostPageFormAsync(page, Security + "?handler=Add", new Dictionary<string, string>());

        Assert.True(Browser.IsRedirectTo(add, Challenge), Describe(add));
        var challenge = await browser.PageAsync(Challenge);
        Assert.Equal(codesBefore + 1, app.Messages.To(EmailOf(name)).Count);
        Assert.Empty(HtmlPage.Parse(challenge).Controls("RememberDevice"));
        var verified = await browser.VerifyAsync(challenge, app.Messages.CodeSentTo(EmailOf(name)));
        Assert.True(Browser.IsRedirectTo(verified, Security), Describe(verified));

        // Fresh again: the change now goes through (Add starts the wizard).
        var fresh = await browser.PageAsync(Security);
        Assert.False(HtmlPage.Parse(fresh).Has("#fresh-check-note"), HtmlPage.TextOf(fresh));
        var again = await browser.PostPageFormAsync(fresh, Security + "?handler=Add", new Dictionary<string, string>());
        Assert.True(Browser.IsRedirectTo(again, Enroll), Describe(again));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "step_up" && e.Outcome == "succeeded")));
    }

    [Fact]
    public async Task After_five_minutes_removing_a_method_also_asks_for_a_code_first()
    {
        var (_, user, browser) = await SignedInAsync("staleremove");
        var methods = await app.QueryAsync(db => db.MfaMethods.Where(m => m.UserId == user.Id).ToListAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30));

        var remove = await browser.PostSecurityAsync("Remove", new Dictionary<string, string> { ["methodId"] = methods[0].Id });

        Assert.True(Browser.IsRedirectTo(remove, Challenge), Describe(remove));
        Assert.Equal(1, await app.QueryAsync(db => db.MfaMethods.CountAsync(m => m.UserId == user.Id)));
    }

    [Fact]
    public async Task A_second_method_added_from_the_page_is_listed_and_one_of_two_can_be_removed()
    {
        var (name, user, browser) = await SignedInAsync("addsms");
        var email = await app.QueryAsync(db => db.MfaMethods.SingleAsync(m => m.UserId == user.Id));

        var add = await browser.PostSecurityAsync("Add");
        Assert.True(Browser.IsRedirectTo(add, Enroll), Describe(add));
        Assert.Contains("Add another way to receive your security codes.", HtmlPage.TextOf(await browser.PageAsync(Enroll)));

        // A code went out at sign-in a moment ago; the next may be sent 30 seconds later.
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var verified = await browser.EnrollAsync(app, "Sms", new Dictionary<string, string> { ["Country"] = "US", ["Phone"] = "(650) 555-2652" }, Phone);
        Assert.True(Browser.IsRedirectTo(verified, Security), Describe(verified));
        Assert.Equal(DeliveryKind.Sms, app.Messages.LatestTo(Phone).Kind);

        var listed = await browser.PageAsync(Security);
        Assert.Equal([("Email", MaskedEmailOf(name)), ("Text message", "(***) ***-2652")], MethodsListed(listed).Order());
        Assert.DoesNotContain("Your only method", HtmlPage.TextOf(listed));
        var kinds = await app.QueryAsync(db => db.MfaMethods.Where(m => m.UserId == user.Id).Select(m => m.Kind).ToListAsync());
        Assert.Equal([MfaMethodKind.Email, MfaMethodKind.Sms], kinds.Order());

        var remove = await browser.PostSecurityAsync("Remove", new Dictionary<string, string> { ["methodId"] = email.Id });

        Assert.True(Browser.IsRedirectTo(remove, Security), Describe(remove));
        var after = await (await browser.GetAsync(Security)).TextAsync();
        Assert.Contains("The method was removed.", after);
        Assert.DoesNotContain(MaskedEmailOf(name), after);
        var remaining = await app.QueryAsync(db => db.MfaMethods.SingleAsync(m => m.UserId == user.Id));
        Assert.Equal(MfaMethodKind.Sms, remaining.Kind);
        Assert.Equal(Phone, remaining.Destination);
        var audited = await app.QueryAsync(db => db.AuditEvents.Where(e => e.UserId == user.Id).Select(e => e.Event).ToListAsync());
        Assert.Contains("mfa.method_added", audited);
        Assert.Contains("mfa.method_removed", audited);
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in()
    {
        var response = await app.NewBrowser().GetAsync(Security);

        Assert.True(Browser.IsRedirectTo(response, "/account/login"), Describe(response));
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
