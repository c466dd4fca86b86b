using IdentityHub.Core.Mfa;
using IdentityHub.Data.Mfa;
using IdentityHub.Delivery;
using IdentityHub.Server.Account;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>Adding or removing a second factor, or making new recovery codes, tells the account's email (issue 17).</summary>
public sealed class AccountNoticeTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Phone = "+16505552652";

    [Fact]
    public async Task Adding_a_method_sends_a_notice_naming_it_masked_under_the_audited_reference()
    {
        var (name, user, browser) = await SignedInAsync("added");
        Assert.True(Browser.IsRedirectTo(await browser.PostSecurityAsync("Add"), Enroll));
        app.Clock.Advance(TimeSpan.FromSeconds(31));

        var verified = await browser.EnrollAsync(app, "Sms", new Dictionary<string, string> { ["Country"] = "US", ["Phone"] = "(650) 555-2652" }, Phone);

        Assert.True(Browser.IsRedirectTo(verified, Security), Describe(verified));
        var notice = app.Messages.LatestTo(EmailOf(name));
        Assert.Equal(DeliveryKind.Email, notice.Kind);
        Assert.Equal(Words.English<MessageText>("Notice.MethodAdded.Subject"), notice.Subject);
        Assert.Contains($"A new way to get security codes was added to your health plan portal account {name} on ", notice.Body);
        Assert.Contains("Method: Text message, (***) ***-2652", notice.Body);
        Assert.DoesNotContain(Phone, notice.Body);
        Assert.Contains("If this was not you, ", notice.Body);
        var audited = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.UserId == user.Id && e.Event == "mfa.method_added"));
        Assert.Equal(notice.Reference, audited.Reference);
        Assert.Contains("Reference number: " + audited.Reference, notice.Body);
    }

    [Fact]
    public async Task Removing_an_email_method_tells_the_account_email_and_the_removed_address()
    {
        var (name, user, browser) = await SignedInAsync("removed");
        const string Other = "other-address@clinic.example";
        var other = await app.QueryAsync(async db =>
        {
            var method = new MfaMethod { UserId = user.Id, Kind = MfaMethodKind.Email, Destination = Other, CreatedAt = app.Clock.GetUtcNow() };
            db.MfaMethods.Add(method);
            await db.SaveChangesAsync();
            return method;
        });

        var remove = await browser.PostSecurityAsync("Remove", new Dictionary<string, string> { ["methodId"] = other.Id });

        Assert.True(Browser.IsRedirectTo(remove, Security), Describe(remove));
        var toAccount = app.Messages.LatestTo(EmailOf(name));
        var toRemoved = app.Messages.LatestTo(Other);
        Assert.Equal(Words.English<MessageText>("Notice.MethodRemoved.Subject"), toAccount.Subject);
        Assert.Contains("Method: Email, o*****s@clinic.example", toAccount.Body);
        Assert.Equal(toAccount.Body, toRemoved.Body);
        Assert.Equal(toAccount.Reference, (await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.UserId == user.Id && e.Event == "mfa.method_removed"))).Reference);
    }

    [Fact]
    public async Task New_recovery_codes_send_a_notice()
    {
        var (name, _, browser) = await SignedInAsync("codes");
        var before = app.Messages.To(EmailOf(name)).Count;

        var response = await browser.PostSecurityAsync("NewRecoveryCodes");

        Assert.True(HtmlPage.Parse(await response.Content.ReadAsStringAsync()).Has("#new-recovery-codes"));
        Assert.Equal(before + 1, app.Messages.To(EmailOf(name)).Count);
        var notice = app.Messages.LatestTo(EmailOf(name));
        Assert.Equal(Words.English<MessageText>("Notice.RecoveryCodes.Subject"), notice.Subject);
        Assert.Contains("Your old recovery codes no longer work.", notice.Body);
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
