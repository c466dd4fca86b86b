using System.Globalization;
using System.Net;
using IdentityHub.Core.Organizations;
using IdentityHub.Data.Governance;
using IdentityHub.Data.Users;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>
/// Security profiles and re-certification in the console (D4, D7, A13): a platform administrator defines a
/// profile and grants it to an organization, whose administrator gives it to a person; the access reviews list
/// who is due, and administrators confirm or remove access one by one or in bulk, audited; nobody sees another
/// organization's reviews or confirms their own access.
/// </summary>
public sealed class GovernanceConsoleTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    private DateTimeOffset Now => hosts.TokenServer.Clock.GetUtcNow();

    [Fact]
    public async Task A_platform_administrator_defines_and_grants_a_profile_and_the_organizations_administrator_gives_it_to_a_person()
    {
        var organization = await hosts.OrganizationAsync("Lakeside Pediatrics");
        var platform = await hosts.PersonAsync(AdministrativeRole.PlatformAdministrator, organizationId: null);
        var role = "claims-" + Guid.NewGuid().ToString("N")[..8];
        var staff = new ConsoleBrowser(hosts);
        await staff.SignInAsync(platform);

        var list = await HtmlPage.ReadAsync(await staff.GetAsync("/Profiles"));
        Assert.Equal("/Profiles/Add", list.One("#add-profile").GetAttribute("href"));
        var mistaken = await HtmlPage.ReadAsync(await staff.SubmitAsync("/Profiles/Add", "add-profile", Profile(TestClients.Portal, "Claims!", "Claims")));
        Assert.Contains(mistaken.All("#error-summary a"), link => link.GetAttribute("href") == "#Input_Role");
        var added = await HtmlPage.ReadAsync(await staff.FollowAsync(await staff.SubmitAsync("/Profiles/Add", "add-profile", Profile(TestClients.Portal, role, "Claims " + role))));

        Assert.Contains($"The profile Claims {role} is added to the portal {TestClients.Portal}", added.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", added.TextAt("#reference"));
        var profile = await hosts.InDatabaseAsync(db => db.SecurityProfiles.SingleAsync(p => p.Role == role));
        Assert.Equal("Claims " + role, added.TextAt($"#profile-{profile.Id} th"));
        Assert.StartsWith($"Portal {TestClients.Portal}:", added.TextAt($"#portal-{TestClients.Portal} caption"), StringComparison.Ordinal);

        var organizationPage = await HtmlPage.ReadAsync(await staff.GetAsync($"/Organizations/Edit/{organization.Id}"));
        Assert.True(organizationPage.Has("#no-grants"));
        var granted = await HtmlPage.ReadAsync(await staff.FollowAsync(await staff.SubmitAsync(
            $"/Organizations/Edit/{organization.Id}", "grant-profile", new Dictionary<string, string> { ["ProfileId"] = profile.Id })));
        Assert.Contains($"Lakeside Pediatrics now holds the profile Claims {role}", granted.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Equal("Claims " + role, granted.TextAt($"#grant-{profile.Id} th"));
        Assert.DoesNotContain(granted.All("#ProfileId option"), option => option.GetAttribute("value") == profile.Id);

        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var person = await NamedAsync(AdministrativeRole.GeneralUser, organization.Id, "Nora", "Quill");
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var held = await HtmlPage.ReadAsync(await browser.GetAsync("/Profiles"));
        Assert.Equal("Claims " + role, held.TextAt($"#profile-{profile.Id} th"));
        Assert.False(held.Has("#add-profile"));
        Assert.False(held.Has($"#edit-profile-{profile.Id}"));
        Assert.False(held.Has($"#delete-profile-{profile.Id}"));
        Assert.Equal("/Reviews", held.One("#nav-reviews").GetAttribute("href"));

        var before = await HtmlPage.ReadAsync(await browser.GetAsync($"/People/{person.Id}"));
        Assert.False(before.One($"#profile-{profile.Id}").HasAttribute("checked"));
        Assert.True(before.Has("#review-none"));
        var saved = await browser.FollowAsync(await browser.SubmitAsync($"/People/{person.Id}", "save-access", new Dictionary<string, string> { ["ProfileIds"] = profile.Id }));

        Assert.Equal($"/People/{person.Id}", ConsoleBrowser.PathOf(saved).Split('#')[0]);
        var page = await HtmlPage.ReadAsync(saved);
        Assert.Contains("Nora Quill now holds 1 security profile", page.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", page.TextAt("#reference"));
        Assert.True(page.One($"#profile-{profile.Id}").HasAttribute("checked"));
        Assert.StartsWith("Confirmed", page.TextAt("#review-status"), StringComparison.Ordinal);
        Assert.Equal(Utc(Now + TimeSpan.FromDays(90)), page.TextAt("#review-due"));
        Assert.Equal(Utc(Now), page.TextAt("#review-confirmed"));
        Assert.True(page.Has("#confirm-access"));
        Assert.True(await hosts.InDatabaseAsync(db => db.UserProfiles.AnyAsync(a => a.UserId == person.Id && a.ProfileId == profile.Id)));
        Assert.True(await hosts.InDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Event == "profile.assigned" && e.UserId == person.Id && e.ActorId == administrator.Id)));
    }

    [Fact]
    public async Task The_review_list_shows_who_is_due_and_bulk_confirmation_and_removal_are_done_and_audited()
    {
        var organization = await hosts.OrganizationAsync("Harbor Family Clinic");
        var profile = await GrantedProfileAsync(organization.Id, "Eligibility");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var soon = await NamedAsync(AdministrativeRole.GeneralUser, organization.Id, "Ada", "Soon");
        var late = await NamedAsync(AdministrativeRole.GeneralUser, organization.Id, "Ben", "Late");
        var fine = await NamedAsync(AdministrativeRole.GeneralUser, organization.Id, "Cy", "Fine");
        var held = await NamedAsync(AdministrativeRole.GeneralUser, organization.Id, "Di", "Held");
        await HoldAsync(soon.Id, profile, dueAt: Now + TimeSpan.FromDays(2));
        await HoldAsync(late.Id, profile, dueAt: Now - TimeSpan.FromDays(1));
        await HoldAsync(fine.Id, profile, dueAt: Now + TimeSpan.FromDays(60));
        await HoldAsync(held.Id, profile, dueAt: Now - TimeSpan.FromDays(3), suspendedAt: Now - TimeSpan.FromDays(2));
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var list = await HtmlPage.ReadAsync(await browser.GetAsync("/Reviews"));

        Assert.Equal("4 people, page 1 of 1", list.TextAt("#reviews caption"));
        Assert.Equal(["Di Held", "Ben Late", "Ada Soon", "Cy Fine"], list.All("#reviews tbody th").Select(HtmlPage.TextContent));
        var row = $"#review-{soon.Id}";
        Assert.Equal(soon.UserName, list.TextAt($"{row} td:nth-of-type(2)"));
        Assert.Equal($"{TestClients.Portal}: {profile.DisplayName}", list.TextAt($"{row} td:nth-of-type(3)"));
        Assert.Equal(Utc(Now + TimeSpan.FromDays(2)), list.TextAt($"{row} td:nth-of-type(4)"));
        Assert.Equal("Due soon", list.TextAt($"{row} td:nth-of-type(5)"));
        Assert.Equal("Overdue", list.TextAt($"#review-{late.Id} td:nth-of-type(5)"));
        Assert.Equal("Confirmed", list.TextAt($"#review-{fine.Id} td:nth-of-type(5)"));
        Assert.Equal("Suspended", list.TextAt($"#review-{held.Id} td:nth-of-type(5)"));
        var dueSoon = await HtmlPage.ReadAsync(await browser.GetAsync("/Reviews?status=DueSoon"));
        Assert.Equal(["Ada Soon"], dueSoon.All("#reviews tbody th").Select(HtmlPage.TextContent));

        var confirmed = await HtmlPage.ReadAsync(await browser.FollowAsync(await browser.PostFormOnAsync(Ticked(list, soon.Id, late.Id), "/Reviews", "confirm-selected")));

        Assert.Contains("The access of 2 people is confirmed.", confirmed.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.False(confirmed.Has("#refused-people"));
        Assert.Equal("Confirmed", confirmed.TextAt($"#review-{soon.Id} td:nth-of-type(5)"));
        Assert.Equal("Confirmed", confirmed.TextAt($"#review-{late.Id} td:nth-of-type(5)"));
        var reviews = await hosts.InDatabaseAsync(db => db.AccessReviews.Where(r => r.UserId == soon.Id || r.UserId == late.Id).ToListAsync());
        Assert.All(reviews, review =>
        {
            Assert.Equal(administrator.Id, review.ConfirmedBy);
            Assert.Equal(Now + TimeSpan.FromDays(90), review.DueAt, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        });
        Assert.Equal(2, await hosts.InDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Event == "access.confirmed" && e.ActorId == administrator.Id && (e.UserId == soon.Id || e.UserId == late.Id))));

        var asking = await browser.PostFormOnAsync(Ticked(confirmed, fine.Id, held.Id), "/Reviews", "remove-selected");
        var question = await HtmlPage.ReadAsync(asking);
        Assert.Equal(HttpStatusCode.OK, asking.StatusCode);
        Assert.Equal(["Cy Fine", "Di Held"], question.All("#confirm-removal li").Select(HtmlPage.TextContent).Order());
        Assert.Equal(2, await hosts.InDatabaseAsync(db => db.UserProfiles.CountAsync(a => a.UserId == fine.Id || a.UserId == held.Id)));

        var removed = await HtmlPage.ReadAsync(await browser.FollowAsync(await browser.PostFormOnAsync(question.Document.DocumentElement.OuterHtml, "/Reviews", "remove-confirmed")));

        Assert.Contains("The access of 2 people is removed.", removed.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Equal(["Ada Soon", "Ben Late"], removed.All("#reviews tbody th").Select(HtmlPage.TextContent).Order());
        Assert.Equal(0, await hosts.InDatabaseAsync(db => db.UserProfiles.CountAsync(a => a.UserId == fine.Id || a.UserId == held.Id)));
        Assert.Equal(2, await hosts.InDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Event == "access.removed" && e.ActorId == administrator.Id && (e.UserId == fine.Id || e.UserId == held.Id))));
    }

    [Fact]
    public async Task An_organizations_administrator_sees_neither_another_organizations_reviews_nor_its_peoples_access()
    {
        var own = await hosts.OrganizationAsync("Own Street Clinic");
        var other = await hosts.OrganizationAsync("Other Street Clinic");
        var ownProfile = await GrantedProfileAsync(own.Id, "Documents");
        var otherProfile = await GrantedProfileAsync(other.Id, "Documents");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, own.Id);
        var colleague = await NamedAsync(AdministrativeRole.GeneralUser, own.Id, "Eve", "Own");
        var stranger = await NamedAsync(AdministrativeRole.GeneralUser, other.Id, "Fay", "Other");
        await HoldAsync(colleague.Id, ownProfile, dueAt: Now + TimeSpan.FromDays(5));
        await HoldAsync(stranger.Id, otherProfile, dueAt: Now + TimeSpan.FromDays(5));
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var list = await HtmlPage.ReadAsync(await browser.GetAsync("/Reviews"));
        var asked = await HtmlPage.ReadAsync(await browser.GetAsync($"/Reviews?organizationId={other.Id}"));
        var strangersPage = await browser.GetAsync($"/People/{stranger.Id}");
        var forged = await HtmlPage.ReadAsync(await browser.FollowAsync(await browser.PostFormOnAsync(
            list.Document.DocumentElement.OuterHtml, "/Reviews", "confirm-selected", new Dictionary<string, string> { ["ConfirmOne"] = stranger.Id })));

        Assert.Equal(["Eve Own"], list.All("#reviews tbody th").Select(HtmlPage.TextContent));
        Assert.False(list.Has("#organizationId"));
        Assert.Equal(["Eve Own"], asked.All("#reviews tbody th").Select(HtmlPage.TextContent));
        Assert.Equal(HttpStatusCode.NotFound, strangersPage.StatusCode);
        Assert.Contains("Nobody you may review has this id", forged.TextAt("#refused-people"), StringComparison.Ordinal);
        Assert.DoesNotContain("Fay", forged.TextAt("#refused-people"), StringComparison.Ordinal);
        Assert.False(forged.Has("#outcome"));
        Assert.Null(await hosts.InDatabaseAsync(db => db.AccessReviews.Where(r => r.UserId == stranger.Id).Select(r => r.ConfirmedBy).SingleAsync()));
        Assert.False(await hosts.InDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == stranger.Id && e.Event.StartsWith("access."))));
        var grantPage = await browser.GetAsync($"/Organizations/{own.Id}/Profiles/Grant");
        Assert.Equal(HttpStatusCode.NotFound, grantPage.StatusCode);
    }

    [Fact]
    public async Task An_administrator_cannot_confirm_their_own_access_and_the_page_says_why()
    {
        var organization = await hosts.OrganizationAsync("Mirror Lake Clinic");
        var profile = await GrantedProfileAsync(organization.Id, "Authorizations");
        var administrator = await NamedAsync(AdministrativeRole.PrimaryAdministrator, organization.Id, "Gus", "Self");
        await HoldAsync(administrator.Id, profile, dueAt: Now + TimeSpan.FromDays(4));
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var list = await HtmlPage.ReadAsync(await browser.GetAsync("/Reviews"));
        var refused = await HtmlPage.ReadAsync(await browser.FollowAsync(await browser.PostFormOnAsync(list.Document.DocumentElement.OuterHtml, "/Reviews", $"confirm-{administrator.Id}")));
        var ownPage = await HtmlPage.ReadAsync(await browser.GetAsync($"/People/{administrator.Id}"));

        Assert.StartsWith("Not done for 1 person:", refused.TextAt("#refused-people"), StringComparison.Ordinal);
        Assert.Contains("Gus Self: You cannot change or confirm your own access.", refused.TextAt("#refused-people"), StringComparison.Ordinal);
        Assert.False(refused.Has("#outcome"));
        Assert.Equal("Due soon", refused.TextAt($"#review-{administrator.Id} td:nth-of-type(5)"));
        Assert.Contains("You cannot change or confirm your own access", ownPage.TextAt("#access-read-only"), StringComparison.Ordinal);
        Assert.False(ownPage.Has("#confirm-access"));
        Assert.False(ownPage.Has("#save-access"));
        Assert.Equal(profile.DisplayName + " (portal " + TestClients.Portal + ")", ownPage.TextAt("#held-profiles li"));
        Assert.Null(await hosts.InDatabaseAsync(db => db.AccessReviews.Where(r => r.UserId == administrator.Id).Select(r => r.ConfirmedBy).SingleAsync()));
    }

    [Fact]
    public async Task A_platform_administrator_is_told_who_loses_a_profile_before_taking_it_back_or_deleting_it()
    {
        var organization = await hosts.OrganizationAsync("Birch Hill Dental");
        var profile = await GrantedProfileAsync(organization.Id, "Claims");
        var person = await NamedAsync(AdministrativeRole.GeneralUser, organization.Id, "Hal", "Birch");
        await HoldAsync(person.Id, profile, dueAt: Now + TimeSpan.FromDays(30));
        var spare = await GrantedProfileAsync(organization.Id, "Spare");
        await HoldAsync(person.Id, spare, dueAt: Now + TimeSpan.FromDays(30));
        var platform = await hosts.PersonAsync(AdministrativeRole.PlatformAdministrator, organizationId: null);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(platform);

        var organizationPage = await HtmlPage.ReadAsync(await browser.GetAsync($"/Organizations/Edit/{organization.Id}"));
        var revokeUrl = organizationPage.One($"#revoke-profile-{profile.Id}").GetAttribute("href")!;
        var question = await HtmlPage.ReadAsync(await browser.GetAsync(revokeUrl));
        Assert.Contains("1 of its people holds this profile now and loses it", question.TextAt("#holders"), StringComparison.Ordinal);
        Assert.True(await hosts.InDatabaseAsync(db => db.OrganizationProfiles.AnyAsync(g => g.OrganizationId == organization.Id && g.ProfileId == profile.Id)));

        var revoked = await HtmlPage.ReadAsync(await browser.FollowAsync(await browser.SubmitAsync(revokeUrl, "revoke-profile")));

        Assert.Contains($"Birch Hill Dental no longer holds the profile {profile.DisplayName}", revoked.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.False(revoked.Has($"#grant-{profile.Id}"));
        Assert.False(await hosts.InDatabaseAsync(db => db.UserProfiles.AnyAsync(a => a.UserId == person.Id && a.ProfileId == profile.Id)));

        var deleteQuestion = await HtmlPage.ReadAsync(await browser.GetAsync($"/Profiles/Delete/{spare.Id}"));
        Assert.Contains("1 person holds this profile now and loses it", deleteQuestion.TextAt("#holders"), StringComparison.Ordinal);
        var deleted = await HtmlPage.ReadAsync(await browser.FollowAsync(await browser.SubmitAsync($"/Profiles/Delete/{spare.Id}", "delete-profile")));

        Assert.Contains($"The profile {spare.DisplayName} of the portal {TestClients.Portal} is deleted", deleted.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.False(deleted.Has($"#profile-{spare.Id}"));
        Assert.False(await hosts.InDatabaseAsync(db => db.SecurityProfiles.AnyAsync(p => p.Id == spare.Id)));
        Assert.False(await hosts.InDatabaseAsync(db => db.AccessReviews.AnyAsync(r => r.UserId == person.Id)));
    }

    [Fact]
    public async Task The_help_desk_reads_access_without_buttons_to_change_it()
    {
        var organization = await hosts.OrganizationAsync("Quiet Pines Clinic");
        var profile = await GrantedProfileAsync(organization.Id, "Claims");
        var person = await NamedAsync(AdministrativeRole.GeneralUser, organization.Id, "Ivy", "Pines");
        await HoldAsync(person.Id, profile, dueAt: Now + TimeSpan.FromDays(10));
        var helpDesk = await hosts.PersonAsync(AdministrativeRole.HelpDesk, organizationId: null);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(helpDesk);

        var list = await HtmlPage.ReadAsync(await browser.GetAsync($"/Reviews?organizationId={organization.Id}"));
        var page = await HtmlPage.ReadAsync(await browser.GetAsync($"/People/{person.Id}"));
        var profiles = await HtmlPage.ReadAsync(await browser.GetAsync("/Profiles"));

        Assert.Equal(["Ivy Pines"], list.All("#reviews tbody th").Select(HtmlPage.TextContent));
        Assert.Equal(organization.Id, list.One("#organizationId option[selected]").GetAttribute("value"));
        Assert.False(list.Has("#confirm-selected") || list.Has($"#select-{person.Id}") || list.Has($"#confirm-{person.Id}"));
        Assert.Contains("The help desk sees people's access but does not change it", page.TextAt("#access-read-only"), StringComparison.Ordinal);
        Assert.False(page.Has("#save-access") || page.Has("#confirm-access"));
        Assert.Equal("Due soon", page.TextAt("#review-status strong"));
        Assert.True(profiles.Has($"#profile-{profile.Id}"));
        Assert.False(profiles.Has("#add-profile") || profiles.Has($"#edit-profile-{profile.Id}"));
    }

    [Fact]
    public async Task The_access_pages_speak_Spanish()
    {
        var organization = await hosts.OrganizationAsync("Clínica Las Palmas");
        var profile = await GrantedProfileAsync(organization.Id, "Reclamaciones");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var person = await NamedAsync(AdministrativeRole.GeneralUser, organization.Id, "Lucía", "Palma");
        await HoldAsync(person.Id, profile, dueAt: Now + TimeSpan.FromDays(2));
        var browser = new ConsoleBrowser(hosts, "es-US,es;q=0.9");
        await browser.SignInAsync(administrator);

        var list = await HtmlPage.ReadAsync(await browser.GetAsync("/Reviews"));
        var page = await HtmlPage.ReadAsync(await browser.GetAsync($"/People/{person.Id}"));
        var confirmed = await HtmlPage.ReadAsync(await browser.FollowAsync(await browser.SubmitAsync($"/People/{person.Id}", "confirm-access")));

        Assert.Equal("Revisiones de acceso", list.TextAt("h1"));
        Assert.Equal("Revisiones de acceso", list.TextAt("#nav-reviews"));
        Assert.Equal("Perfiles de seguridad", list.TextAt("#nav-profiles"));
        Assert.Equal("1 persona, página 1 de 1", list.TextAt("#reviews caption"));
        Assert.Equal("Vence pronto", list.TextAt($"#review-{person.Id} td:nth-of-type(5)"));
        Assert.Equal("Confirmar los seleccionados", list.TextAt("#confirm-selected"));
        Assert.Equal("Retirar el acceso de los seleccionados", list.TextAt("#remove-selected"));
        Assert.Equal("Acceso", page.TextAt("#access-title"));
        Assert.Equal("Guardar el acceso", page.TextAt("#save-access"));
        Assert.Equal("Confirmar el acceso", page.TextAt("#confirm-access"));
        Assert.StartsWith("Vence pronto", page.TextAt("#review-status"), StringComparison.Ordinal);
        Assert.Contains("Se confirmó el acceso de Lucía Palma.", confirmed.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.StartsWith("Confirmado", confirmed.TextAt("#review-status"), StringComparison.Ordinal);
        Assert.DoesNotContain("Access", confirmed.TextAt("#access"), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Profile(string clientId, string role, string name) => new()
    {
        ["Input.ClientId"] = clientId,
        ["Input.Role"] = role,
        ["Input.DisplayName"] = name,
        ["Input.Description"] = "Sees and files claims for the practice.",
    };

    /// <summary>How the console writes a time (before local-time.js shows it in the reader's zone).</summary>
    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("MMMM d, yyyy h:mm tt 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The page's HTML with the boxes of these people ticked, as the administrator would.</summary>
    private static string Ticked(HtmlPage page, params string[] userIds)
    {
        foreach (var userId in userIds)
        {
            page.One($"#select-{userId}").SetAttribute("checked", "checked");
        }

        return page.Document.DocumentElement.OuterHtml;
    }

    private async Task<IdentityHubUser> NamedAsync(AdministrativeRole role, string organizationId, string givenName, string familyName)
    {
        var user = await hosts.PersonAsync(role, organizationId);
        await hosts.InDatabaseAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.GivenName, givenName).SetProperty(u => u.FamilyName, familyName)));
        (user.GivenName, user.FamilyName) = (givenName, familyName);
        return user;
    }

    /// <summary>A profile of the test portal (a role of its own), held by the organization, as a platform administrator would have granted it.</summary>
    private async Task<SecurityProfile> GrantedProfileAsync(string organizationId, string name)
    {
        var profile = new SecurityProfile { ClientId = TestClients.Portal, Role = "r" + Guid.NewGuid().ToString("N")[..12], DisplayName = name, CreatedAt = Now };
        await hosts.InDatabaseAsync(db =>
        {
            db.SecurityProfiles.Add(profile);
            db.OrganizationProfiles.Add(new OrganizationProfile { OrganizationId = organizationId, ProfileId = profile.Id, GrantedAt = Now });
            return db.SaveChangesAsync();
        });
        return profile;
    }

    /// <summary>The person holds the profile, their re-certification due then (and suspended, if so).</summary>
    private Task<int> HoldAsync(string userId, SecurityProfile profile, DateTimeOffset dueAt, DateTimeOffset? suspendedAt = null) =>
        hosts.InDatabaseAsync(async db =>
        {
            db.UserProfiles.Add(new UserProfile { UserId = userId, ProfileId = profile.Id, AssignedAt = Now });
            if (!await db.AccessReviews.AnyAsync(r => r.UserId == userId))
            {
                db.AccessReviews.Add(new AccessReview { UserId = userId, ConfirmedAt = dueAt - TimeSpan.FromDays(90), DueAt = dueAt, SuspendedAt = suspendedAt });
            }

            return await db.SaveChangesAsync();
        });
}
