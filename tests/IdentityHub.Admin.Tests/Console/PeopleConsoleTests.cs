using System.Net;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>The people pages: an organization's administrators see their own people only; the role change with its version, warning, reference and fresh sign-in.</summary>
public sealed class PeopleConsoleTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task An_organization_administrator_lists_only_their_people_and_another_organizations_person_is_not_found()
    {
        var own = await hosts.OrganizationAsync("Cedar Grove Pediatrics");
        var other = await hosts.OrganizationAsync("Birch Lane Cardiology");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, own.Id);
        var colleague = await hosts.PersonAsync(AdministrativeRole.GeneralUser, own.Id);
        var stranger = await hosts.PersonAsync(AdministrativeRole.GeneralUser, other.Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var list = await HtmlPage.ReadAsync(await browser.GetAsync("/People"));

        var usernames = list.All("#people tbody tr").Select(row => HtmlPage.TextContent(row.Children[1])).ToList();
        Assert.Equal(new[] { administrator.UserName!, colleague.UserName! }.Order(StringComparer.Ordinal), usernames.Order(StringComparer.Ordinal));
        Assert.StartsWith("2 people, page 1 of 1", list.TextAt("#people caption"), StringComparison.Ordinal);
        Assert.True(list.All("#people th[scope=col]").Count == 5);

        foreach (var url in new[] { $"/People/{stranger.Id}", $"/Organizations/Edit/{other.Id}", "/People/no-such-person", "/Registrations" })
        {
            var response = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("There is nothing at this address that you may see.", await response.TextAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_next_page_link_keeps_the_filters_and_shows_the_next_page()
    {
        var organization = await hosts.OrganizationAsync("Sycamore Paging Clinic");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        for (var i = 0; i < 26; i++)
        {
            await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        }

        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);
        var first = await HtmlPage.ReadAsync(await browser.GetAsync("/People?role=GeneralUser"));
        var next = first.Document.QuerySelector("#next-page")!.GetAttribute("href")!;

        Assert.Equal("/People?role=GeneralUser&page=2", next);
        var second = await HtmlPage.ReadAsync(await browser.GetAsync(next));
        Assert.NotNull(second.Document.QuerySelector("#previous-page"));
        Assert.Null(second.Document.QuerySelector("#next-page"));
    }

    [Fact]
    public async Task A_role_change_shows_its_reference_number_and_warns_when_no_backup_is_left()
    {
        var organization = await hosts.OrganizationAsync("Willow Creek Dental");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var backup = await hosts.PersonAsync(AdministrativeRole.BackupAdministrator, organization.Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var changed = await browser.FollowAsync(await browser.SubmitAsync($"/People/{backup.Id}", "change-role", new Dictionary<string, string> { ["NewRole"] = "GeneralUser" }));

        var page = await HtmlPage.ReadAsync(changed);
        Assert.Equal($"/People/{backup.Id}", ConsoleBrowser.PathOf(changed));
        Assert.Equal("General user", page.TextAt("#role"));
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", page.TextAt("#reference"));
        Assert.StartsWith("Warning: This organization has no backup administrator.", page.TextAt("#warning"), StringComparison.Ordinal);
        Assert.Equal(AdministrativeRole.GeneralUser, await hosts.InDatabaseAsync(db => Task.FromResult(db.Users.Single(u => u.Id == backup.Id).AdministrativeRole)));
    }

    [Fact]
    public async Task A_role_change_on_a_stale_version_says_someone_else_changed_it_and_shows_the_current_role()
    {
        var organization = await hosts.OrganizationAsync("Aspen Ridge Orthopedics");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var person = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);
        var before = await (await browser.GetAsync($"/People/{person.Id}")).Content.ReadAsStringAsync();

        // Another administrator makes the person a backup while this page is open.
        await hosts.PlaceAsync(person.Id, AdministrativeRole.BackupAdministrator, organization.Id);
        var stale = await browser.PostFormOnAsync(before, $"/People/{person.Id}", "change-role", new Dictionary<string, string> { ["NewRole"] = "PrimaryAdministrator" });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await HtmlPage.ReadAsync(stale);
        Assert.StartsWith("Not saved: Someone else changed this", page.TextAt("#stale"), StringComparison.Ordinal);
        Assert.Equal("Backup administrator", page.TextAt("#role"));
        Assert.NotEqual(RoleFormVersion(HtmlPage.Parse(before)), RoleFormVersion(page));
        Assert.Equal(AdministrativeRole.BackupAdministrator, await hosts.InDatabaseAsync(db => Task.FromResult(db.Users.Single(u => u.Id == person.Id).AdministrativeRole)));
    }

    [Fact]
    public async Task A_role_change_after_the_fresh_sign_in_window_asks_to_sign_in_again_and_comes_back_to_the_person()
    {
        var organization = await hosts.OrganizationAsync("Elm Park Internal Medicine");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var person = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);
        var open = await (await browser.GetAsync($"/People/{person.Id}")).Content.ReadAsStringAsync();

        hosts.TokenServer.Clock.Advance(TimeSpan.FromMinutes(11));
        var refused = await browser.PostFormOnAsync(open, $"/People/{person.Id}", "change-role", new Dictionary<string, string> { ["NewRole"] = "BackupAdministrator" });

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(("localhost", "/connect/authorize"), (refused.Headers.Location!.Host, refused.Headers.Location.AbsolutePath));
        // The console asks for a fresh sign-in (prompt=login, pushed with PAR): the signed-in server shows its sign-in page.
        var atLogin = await browser.FollowAsync(refused);
        Assert.Equal("/account/login", atLogin.Headers.Location!.IsAbsoluteUri ? atLogin.Headers.Location.AbsolutePath : atLogin.Headers.Location.OriginalString.Split('?')[0]);
        Assert.Equal(AdministrativeRole.GeneralUser, await hosts.InDatabaseAsync(db => Task.FromResult(db.Users.Single(u => u.Id == person.Id).AdministrativeRole)));

        var back = await browser.SignInAtServerAsync(atLogin, administrator);
        Assert.Equal($"/People/{person.Id}", ConsoleBrowser.PathOf(back));
        var changed = await browser.FollowAsync(await browser.PostFormOnAsync(await back.Content.ReadAsStringAsync(), $"/People/{person.Id}", "change-role", new Dictionary<string, string> { ["NewRole"] = "BackupAdministrator" }));
        Assert.Equal("Backup administrator", (await HtmlPage.ReadAsync(changed)).TextAt("#role"));
    }

    [Fact]
    public async Task A_form_without_its_token_or_with_an_unknown_role_gets_a_page_that_says_so_never_an_error()
    {
        var organization = await hosts.OrganizationAsync("Pinecrest Women's Health");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var person = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var unknownRole = await browser.SubmitAsync($"/People/{person.Id}", "change-role", new Dictionary<string, string> { ["NewRole"] = "Superuser" });
        var noToken = await browser.Console.PostAsync($"/People/{person.Id}?handler=Role", new FormUrlEncodedContent(new Dictionary<string, string> { ["NewRole"] = "BackupAdministrator" }));

        Assert.Equal(HttpStatusCode.OK, unknownRole.StatusCode);
        var page = HtmlPage.Parse(await unknownRole.Content.ReadAsStringAsync());
        Assert.Equal(("#NewRole", "Choose general user, backup administrator or primary administrator."), (page.One("#error-summary a").GetAttribute("href"), page.TextAt("#error-summary a")));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("The request could not be completed (code 400)", await noToken.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(AdministrativeRole.GeneralUser, await hosts.InDatabaseAsync(db => Task.FromResult(db.Users.Single(u => u.Id == person.Id).AdministrativeRole)));
    }

    /// <summary>The version the role form carries (each account action's form carries one too).</summary>
    private static string? RoleFormVersion(HtmlPage page) => page.One("#change-role").Closest("form")!.QuerySelector("input[name=Version]")!.GetAttribute("value");
}
