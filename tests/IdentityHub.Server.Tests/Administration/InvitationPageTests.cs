using System.Net;
using IdentityHub.Administration;
using IdentityHub.Administration.Invitations;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;
using static IdentityHub.Server.Tests.Infrastructure.StrongFactorSteps;

namespace IdentityHub.Server.Tests.Administration;

/// <summary>
/// Accepting an invitation (D5): the emailed link, a username and password, MFA enrollment and the terms,
/// then the portal the invitation names; one answer for every link that no longer works.
/// </summary>
public sealed class InvitationPageTests(SignUpApp fixture) : IClassFixture<SignUpApp>
{
    private const string Unusable = "This invitation link no longer works. Ask the administrator who invited you to send you a new one.";

    private readonly IdentityHubApp app = fixture.App;

    [Fact]
    public async Task An_invitee_signs_up_enrolls_MFA_signs_the_terms_and_lands_in_the_portal()
    {
        var invited = await fixture.InviteAsync();
        var browser = app.NewBrowser();
        var userName = NewName("rosa");

        var page = await HtmlPage.ReadAsync(await browser.GetAsync(invited.Link));
        Assert.Equal("Create your account", page.TextAt("h1"));
        Assert.Equal($"Welcome, Rosa Diaz. You were invited to join {invited.OrganizationName}.", page.TextAt("#invitation-for"));
        Assert.Equal("new-password", page.One("#Password").GetAttribute("autocomplete"));
        Assert.Equal("Username", page.LabelOf(page.One("#Username")));

        var created = await browser.SubmitAsync(invited.Link, Form(userName));
        Assert.True(Browser.IsRedirectTo(created, Enroll), Describe(created) + " " + await created.TextAsync());

        // The wizard, the terms and the recovery codes, in the order the sign-in checks ask for them.
        var step = await browser.EnrollAsync(app, "Email", new Dictionary<string, string> { ["Email"] = invited.Email }, invited.Email);
        var signedTerms = false;
        for (var i = 0; i < 5 && !Browser.IsRedirectTo(step, "/account/portal"); i++)
        {
            if (Browser.IsRedirectTo(step, "/account/terms"))
            {
                var terms = await browser.PageAsync("/account/terms");
                step = await browser.PostPageFormAsync(terms, "/account/terms", new Dictionary<string, string> { ["FirstName"] = "Rosa", ["LastName"] = "Diaz" });
                signedTerms = true;
            }
            else if (Browser.IsRedirectTo(step, RecoveryCodesPage))
            {
                step = await browser.ConfirmRecoveryCodesSavedAsync(await browser.PageAsync(RecoveryCodesPage));
            }
            else
            {
                Assert.Fail("Unexpected step: " + Describe(step));
            }
        }

        Assert.True(signedTerms, "The terms were not asked for.");
        Assert.Equal("/account/portal?client=" + TestClients.Portal, step.Headers.Location!.OriginalString);
        var landing = await browser.GetAsync(step.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal(SignUpApp.PortalHome, landing.Headers.Location!.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Security)).StatusCode);

        var user = await app.QueryAsync(db => db.Users.SingleAsync(u => u.UserName == userName));
        Assert.Equal((invited.Administrator.OrganizationId, AdministrativeRole.GeneralUser, invited.Email, true, "Rosa", "Diaz"),
            (user.OrganizationId, user.AdministrativeRole, user.Email, user.EmailConfirmed, user.GivenName, user.FamilyName));
        Assert.Equal(user.Id, await app.QueryAsync(db => db.Invitations.Where(i => i.Id == invited.Invitation.Id).Select(i => i.AcceptedUserId).SingleAsync()));

        // Single use: the same link, even in the same browser, no longer works.
        var again = await HtmlPage.ReadAsync(await app.NewBrowser().GetAsync(invited.Link));
        Assert.Equal(Unusable, again.TextAt("#invitation-unusable"));
        Assert.False(again.Has("form #Username"));
    }

    [Fact]
    public async Task Every_link_that_no_longer_works_says_the_same_and_nothing_about_accounts()
    {
        var cancelled = await fixture.InviteAsync();
        await InScope(r => r.CancelAsync(cancelled.Administrator, cancelled.Invitation.Id, cancelled.Invitation.Version));
        var resent = await fixture.InviteAsync();
        await InScope(r => r.ResendAsync(resent.Administrator, resent.Invitation.Id, resent.Invitation.Version));
        var used = await fixture.InviteAsync();
        Assert.True(Browser.IsRedirectTo(await app.NewBrowser().SubmitAsync(used.Link, Form(NewName("used"))), Enroll));
        var expired = await fixture.InviteAsync();
        app.Clock.Advance(TimeSpan.FromHours(72));

        var texts = new List<string>();
        foreach (var link in new[] { cancelled.Link, resent.Link, used.Link, expired.Link, "/account/invitation?code=made-up", "/account/invitation", "/account/invitation?code=" + new string('x', 5000) })
        {
            var response = await app.NewBrowser().GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await HtmlPage.ReadAsync(response);
            Assert.Equal(Unusable, page.TextAt("#invitation-unusable"));
            texts.Add(page.TextAt("main"));
        }

        Assert.Single(texts.Distinct());
        // The resent invitation's new link works; posting to a dead one creates nobody.
        Assert.Equal(HttpStatusCode.OK, (await app.NewBrowser().GetAsync(fixture.LinkTo(resent.Email))).StatusCode);
    }

    [Fact]
    public async Task The_link_stops_working_72_hours_after_it_was_sent()
    {
        var invited = await fixture.InviteAsync();
        var browser = app.NewBrowser();
        var page = await browser.PageAsync(invited.Link);

        app.Clock.Advance(TimeSpan.FromHours(71) + TimeSpan.FromMinutes(59));
        Assert.Equal("Create your account", HtmlPage.Parse(await browser.PageAsync(invited.Link)).TextAt("h1"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var late = await browser.PostPageFormAsync(page, invited.Link, Form(NewName("late")));
        Assert.Equal(Unusable, (await HtmlPage.ReadAsync(late)).TextAt("#invitation-unusable"));
        Assert.Null(await app.QueryAsync(db => db.Invitations.Where(i => i.Id == invited.Invitation.Id).Select(i => i.AcceptedUserId).SingleAsync()));
    }

    [Fact]
    public async Task A_taken_username_and_a_weak_or_mistyped_password_are_named_and_the_link_keeps_working()
    {
        var invited = await fixture.InviteAsync();
        var existing = await app.CreateUserAsync(NewName("taken"));
        var browser = app.NewBrowser();

        var taken = await HtmlPage.ReadAsync(await browser.SubmitAsync(invited.Link, Form(existing.UserName!.ToUpperInvariant())));
        Assert.Equal("That username is taken.", taken.TextAt("#username-error"));
        Assert.Equal("#Username", taken.One("#error-summary a").GetAttribute("href"));

        var mistyped = await HtmlPage.ReadAsync(await browser.SubmitAsync(invited.Link, Form("rosa;diaz", confirm: "something else entirely")));
        Assert.Equal("A username cannot contain these characters: ;", mistyped.TextAt("#username-error"));
        Assert.Equal("The two passwords are not the same.", mistyped.TextAt("#confirm-password-error"));
        Assert.Equal(["#Username", "#ConfirmPassword"], mistyped.All("#error-summary a").Select(a => a.GetAttribute("href")));

        var weak = await HtmlPage.ReadAsync(await browser.SubmitAsync(invited.Link, Form(NewName("weak"), password: "short")));
        Assert.NotEmpty(weak.TextAt("#password-error"));

        Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync(u => u.Email == invited.Email || u.UserName == existing.UserName)));
        Assert.True(Browser.IsRedirectTo(await browser.SubmitAsync(invited.Link, Form(NewName("rosa"))), Enroll));
    }

    [Fact]
    public async Task Without_a_portal_or_its_home_page_the_invitee_lands_on_the_account_page()
    {
        Assert.Equal(PortalLandingAccountPage, (await app.NewBrowser().GetAsync("/account/portal")).Headers.Location!.OriginalString);
        Assert.Equal(PortalLandingAccountPage, (await app.NewBrowser().GetAsync("/account/portal?client=" + TestClients.PublicPortal)).Headers.Location!.OriginalString);
        Assert.Equal(PortalLandingAccountPage, (await app.NewBrowser().GetAsync("/account/portal?client=https://evil.example")).Headers.Location!.OriginalString);
        Assert.Equal(SignUpApp.PortalHome, (await app.NewBrowser().GetAsync("/account/portal?client=" + TestClients.Portal)).Headers.Location!.AbsoluteUri);

        var invited = await fixture.InviteAsync(clientId: null);
        var created = await app.NewBrowser().SubmitAsync(invited.Link, Form(NewName("noportal")));
        Assert.True(Browser.IsRedirectTo(created, Enroll), Describe(created));
    }

    private const string PortalLandingAccountPage = "/account/security";

    private static Dictionary<string, string> Form(string userName, string password = TestUsers.Password, string? confirm = null) => new()
    {
        ["Username"] = userName,
        ["Password"] = password,
        ["ConfirmPassword"] = confirm ?? password,
    };

    private async Task InScope<T>(Func<InvitationRegister, Task<AdminResult<T>>> work)
    {
        using var scope = app.Services.CreateScope();
        Assert.IsType<AdminResult<T>.Done>(await work(scope.ServiceProvider.GetRequiredService<InvitationRegister>()));
    }
}
