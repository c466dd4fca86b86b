using System.Net;
using System.Text.Json;
using IdentityHub.Server.Members.Registration;
using IdentityHub.Server.Tests.Account;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Members;

/// <summary>
/// Members create their own account (A15): the proof against the roster (one answer for every mismatch), a member who
/// already has an account, the sign-in chosen, the emailed code, and the account with its member link made in one save.
/// </summary>
public sealed class RegistrationTests(MemberRegistrationApp fixture) : IClassFixture<MemberRegistrationApp>
{
    private readonly IdentityHubApp app = fixture.App;

    [Fact]
    public async Task Every_kind_of_mismatch_gets_the_same_page()
    {
        var member = await app.SeedMemberAsync();
        var ended = await app.SeedMemberAsync(coverageEndedOn: DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-1));
        var wrong = new[]
        {
            Changed(member, "MemberId", RegistrationSteps.NewMemberId()),
            Changed(member, "BirthDay", "13"),
            Changed(member, "LastName", "Riviera"),
            Changed(member, "ZipCode", "33102"),
            ended.Proof(),
        };

        var pages = new List<string>();
        foreach (var proof in wrong)
        {
            var browser = app.NewMemberBrowser();
            var response = await browser.ProveAsync(await browser.RegisterUrlAsync(), proof);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(PageText.MainText(await response.Content.ReadAsStringAsync()));
        }

        Assert.Contains(Words.English<MemberText>("MemberProof.NotMatched"), pages[0], StringComparison.Ordinal);
        Assert.All(pages, page => Assert.Equal(pages[0], page));
        var refused = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Event == "member.proof_refused").Select(e => e.Detail).ToListAsync());
        Assert.DoesNotContain(refused, detail => detail != null && detail.Contains(member.MemberId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_who_already_has_an_account_is_told_so_and_the_account_email_gets_a_notice()
    {
        var member = await app.SeedMemberAsync();
        var name = NewName("member");
        var user = await app.CreateUserAsync(name);
        await app.QueryAsync(db =>
        {
            db.MemberAccounts.Add(new Data.Members.MemberAccount { MemberId = member.MemberId, UserId = user.Id, ProvedBy = "Imported", LinkedAt = app.Clock.GetUtcNow() });
            return db.SaveChangesAsync();
        });

        var browser = app.NewMemberBrowser();
        var response = await browser.ProveAsync(await browser.RegisterUrlAsync(), member.Proof());

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Words.English<MemberText>("MemberProof.Already"), PageText.MainText(html), StringComparison.Ordinal);
        Assert.DoesNotContain(name, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/account/forgot-username", html, StringComparison.Ordinal);
        var notice = Assert.Single(app.Messages.To(EmailOf(name)), m => m.Subject == Words.English<MessageText>("MemberNotice.Subject"));
        Assert.Contains(notice.Reference, notice.Body, StringComparison.Ordinal);
        Assert.Contains(notice.Reference, html, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "member.registration_refused" && e.UserId == user.Id)));
    }

    [Fact]
    public async Task A_full_registration_creates_one_linked_account_and_goes_on_to_mfa_enrollment()
    {
        var member = await app.SeedMemberAsync(memberId: "t-" + RegistrationSteps.NewMemberId()[1..]);
        var name = NewName("maria");
        var browser = app.NewMemberBrowser();

        var chosen = await browser.ProveAndChooseAsync(member, name);
        Assert.True(Browser.IsRedirectTo(chosen, RegistrationPaths.Email), Describe(chosen) + " " + await chosen.TextAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.Users.CountAsync(u => u.UserName == name)));
        var created = await browser.EnterEmailCodeAsync(app.Messages.CodeSentTo(EmailOf(name)));

        Assert.True(Browser.IsRedirectTo(created, Enroll), Describe(created) + " " + await created.TextAsync());
        var user = await app.QueryAsync(db => db.Users.SingleAsync(u => u.UserName == name));
        Assert.True(user.EmailConfirmed);
        Assert.Equal(EmailOf(name), user.Email);
        Assert.Equal("Maria", user.GivenName);
        Assert.Equal("Rivera", user.FamilyName);
        var link = await app.QueryAsync(db => db.MemberAccounts.SingleAsync(l => l.UserId == user.Id));
        Assert.Equal(Core.Members.MemberFields.NormalizeMemberId(member.MemberId), link.MemberId);
        Assert.Equal(member.PatientId, link.PatientId);
        Assert.Equal("Imported", link.ProvedBy);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "member.account_created" && e.UserId == user.Id)));

        // The registration is over: its pages start again.
        Assert.True(Browser.IsRedirectTo(await browser.GetAsync(RegistrationPaths.Email), RegistrationPaths.Start));
    }

    [Fact]
    public async Task Wrong_email_codes_are_limited_and_create_nothing()
    {
        var member = await app.SeedMemberAsync();
        var name = NewName("wrongcode");
        var browser = app.NewMemberBrowser();
        Assert.True(Browser.IsRedirectTo(await browser.ProveAndChooseAsync(member, name), RegistrationPaths.Email));
        var code = app.Messages.CodeSentTo(EmailOf(name));

        var first = await browser.EnterEmailCodeAsync(WrongCode(code));
        Assert.Contains(Words.English<MfaText>("CodeError.WrongMany").Replace("{0}", "4", StringComparison.Ordinal), await first.TextAsync(), StringComparison.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            await browser.EnterEmailCodeAsync(WrongCode(code));
        }

        var right = await browser.EnterEmailCodeAsync(code);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(Words.English<MfaText>("CodeError.TooManyAttempts"), await right.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Users.CountAsync(u => u.UserName == name)));
    }

    [Fact]
    public async Task A_registration_left_too_long_starts_again()
    {
        var member = await app.SeedMemberAsync();
        var browser = app.NewMemberBrowser();
        var proved = await browser.ProveAsync(await browser.RegisterUrlAsync(), member.Proof());
        Assert.True(Browser.IsRedirectTo(proved, RegistrationPaths.SignIn), Describe(proved));

        app.Clock.Advance(RegistrationState.Lifetime + TimeSpan.FromSeconds(1));
        var late = await browser.GetAsync(RegistrationPaths.SignIn);

        Assert.True(Browser.IsRedirectTo(late, RegistrationPaths.Start), Describe(late));
        Assert.Contains("expired=true", late.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_create_goes_to_registration_at_the_member_portal_only()
    {
        var request = new AuthorizationRequest { ClientId = RegistrationSteps.MemberPortal, Extra = new Dictionary<string, string> { ["prompt"] = "create" } };
        var member = await app.NewMemberBrowser().AuthorizeAsync(request);
        var provider = await app.NewMemberBrowser().AuthorizeAsync(request with { ClientId = TestClients.Portal });

        Assert.True(Browser.IsRedirectTo(member, RegistrationPaths.Start), Describe(member));
        var back = RegistrationSteps.ReturnUrlIn(member);
        Assert.StartsWith("/connect/authorize?", back, StringComparison.Ordinal);
        Assert.DoesNotContain("prompt", back, StringComparison.Ordinal);
        Assert.True(Browser.IsRedirectTo(provider, "/account/login"), Describe(provider));
    }

    [Fact]
    public async Task Prompt_none_with_create_is_refused()
    {
        var request = new AuthorizationRequest { ClientId = RegistrationSteps.MemberPortal, Extra = new Dictionary<string, string> { ["prompt"] = "none create" } };

        var response = await app.NewMemberBrowser().AuthorizeAsync(request);

        // As for prompt=none with any other value (OIDC Core 3.1.2.1): OpenIddict refuses it before the portal is trusted.
        await ErrorPage.AssertRefusedAsync(response, "invalid_request", "The specified 'prompt' is invalid.");
    }

    [Fact]
    public async Task Discovery_lists_the_create_prompt()
    {
        using var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/.well-known/openid-configuration"));

        var prompts = document.RootElement.GetProperty("prompt_values_supported").EnumerateArray().Select(value => value.GetString()).ToList();

        Assert.Contains("create", prompts);
        Assert.Contains("login", prompts);
    }

    [Fact]
    public async Task The_sign_in_page_offers_an_account_at_the_member_portal_only()
    {
        var browser = app.NewMemberBrowser();
        var memberPage = await browser.PageAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(await browser.ReturnUrlAsync()));
        var providerPage = await browser.PageAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(await browser.ReturnUrlAsync(TestClients.Portal)));

        var link = HtmlPage.Parse(memberPage).One("#create-account");
        Assert.StartsWith(RegistrationPaths.Start + "?returnUrl=", link.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(HtmlPage.Parse(providerPage).All("#create-account"));
    }

    [Fact]
    public async Task A_portal_that_does_not_allow_it_offers_no_registration_form()
    {
        var browser = app.NewMemberBrowser();
        var page = await browser.PageAsync(RegistrationPaths.StartWith(await browser.ReturnUrlAsync(TestClients.Portal)));

        Assert.Contains(Words.English<MemberText>("MemberProof.NotOffered"), page, StringComparison.Ordinal);
        Assert.Empty(HtmlPage.Parse(page).All("#MemberId"));
    }

    private static Dictionary<string, string> Changed(TestMember member, string field, string value)
    {
        var proof = member.Proof();
        proof[field] = value;
        return proof;
    }
}
