using System.Net;
using IdentityHub.Administration;
using IdentityHub.Administration.Organizations;
using IdentityHub.Administration.Registrations;
using IdentityHub.Core.Organizations;
using IdentityHub.Data.Organizations;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>Organizations, invitations and registration requests in the console.</summary>
public sealed class AdministrationConsoleTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task An_administrator_invites_a_person_and_cancels_the_invitation()
    {
        var organization = await hosts.OrganizationAsync("Harbor View Clinic");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var invited = await browser.FollowAsync(await browser.SubmitAsync("/Invitations/Invite", "send-invitation", new Dictionary<string, string>
        {
            ["Input.GivenName"] = "Grace",
            ["Input.FamilyName"] = "Hopper",
            ["Input.Email"] = "grace.hopper@harbor.example",
        }));

        Assert.Equal("/Invitations", ConsoleBrowser.PathOf(invited));
        var list = HtmlPage.Parse(await invited.Content.ReadAsStringAsync());
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", list.TextAt("#reference"));
        Assert.Equal("Grace Hopper", list.TextAt("#invitations tbody tr th"));

        var cancelButton = list.One("#invitations button[id^=cancel-]").Id!;
        var cancelled = await browser.FollowAsync(await browser.PostFormOnAsync(list.Document.DocumentElement.OuterHtml, "/Invitations", cancelButton));

        var after = HtmlPage.Parse(await cancelled.Content.ReadAsStringAsync());
        Assert.Contains("The invitation to Grace Hopper is cancelled", after.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", after.TextAt("#reference"));
        Assert.Empty(after.All("#invitations tbody tr"));
        Assert.NotNull(await hosts.InDatabaseAsync(db => db.Invitations.Where(i => i.Email == "grace.hopper@harbor.example").Select(i => i.CancelledAt).SingleAsync()));
    }

    [Fact]
    public async Task An_invitation_with_mistakes_lists_them_linked_to_their_fields()
    {
        var organization = await hosts.OrganizationAsync("Summit Family Care");
        var administrator = await hosts.PersonAsync(AdministrativeRole.BackupAdministrator, organization.Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var refused = await browser.SubmitAsync("/Invitations/Invite", "send-invitation", new Dictionary<string, string>
        {
            ["Input.GivenName"] = "Alan",
            ["Input.FamilyName"] = "",
            ["Input.Email"] = "not-an-email",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = HtmlPage.Parse(await refused.Content.ReadAsStringAsync());
        var links = page.All("#error-summary a").Select(link => (link.GetAttribute("href"), HtmlPage.TextContent(link))).ToList();
        Assert.Contains(("#Input_FamilyName", "Enter the last name."), links);
        Assert.Contains(("#Input_Email", "Enter an email address like name@example.com."), links);
        Assert.Equal("Last name", page.LabelOf(page.One("#Input_FamilyName")));
        Assert.Equal("Alan", page.ValueOf("Input.GivenName"));
    }

    [Fact]
    public async Task An_organizations_own_administrator_saving_a_stale_version_is_told_and_shown_the_current_values()
    {
        var organization = await hosts.OrganizationAsync("Riverside Podiatry");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);
        var form = await (await browser.GetAsync($"/Organizations/Edit/{organization.Id}")).Content.ReadAsStringAsync();
        Assert.False(HtmlPage.Parse(form).Has("input[type=text][name='Input.TaxId']"), "only platform administrators change the Tax ID");

        await hosts.InDatabaseAsync(db => db.Organizations.Where(o => o.Id == organization.Id).ExecuteUpdateAsync(set => set
            .SetProperty(o => o.Name, "Riverside Foot and Ankle")
            .SetProperty(o => o.ConcurrencyStamp, Guid.NewGuid().ToString("N"))));
        var stale = await browser.PostFormOnAsync(form, $"/Organizations/Edit/{organization.Id}", "save", new Dictionary<string, string> { ["Input.Name"] = "Riverside Podiatry Group" });

        var page = HtmlPage.Parse(await stale.Content.ReadAsStringAsync());
        Assert.StartsWith("Not saved: Someone else changed this", page.TextAt("#stale"), StringComparison.Ordinal);
        Assert.Equal("Riverside Foot and Ankle", page.ValueOf("Input.Name"));

        var saved = await browser.FollowAsync(await browser.PostFormOnAsync(page.Document.DocumentElement.OuterHtml, $"/Organizations/Edit/{organization.Id}", "save", new Dictionary<string, string> { ["Input.Name"] = "Riverside Podiatry Group" }));
        var after = HtmlPage.Parse(await saved.Content.ReadAsStringAsync());
        Assert.Equal("Riverside Podiatry Group", after.TextAt("h1"));
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", after.TextAt("#reference"));
    }

    [Fact]
    public async Task A_platform_administrator_approves_a_registration_request_and_its_administrators_are_invited()
    {
        var taxId = AdminHosts.NewTaxId();
        RegistrationView submitted;
        await using (var scope = hosts.Admin.Services.CreateAsyncScope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<RegistrationDesk>();
            var input = new RegistrationInput(
                new OrganizationInput("Lakeview Behavioral Health", taxId, taxId, new AddressInput("5 Shore Drive", null, "Rochester", "NY", "14604"), "585-555-0140", null),
                new AdministratorInput("Iris", "Chen", $"iris.{taxId}@lakeview.example", "585-555-0141"),
                new AdministratorInput("Omar", "Haddad", $"omar.{taxId}@lakeview.example", "585-555-0142"));
            submitted = Assert.IsType<AdminResult<RegistrationView>.Done>(await desk.SubmitAsync(input, null)).Value;
        }

        var platform = await hosts.PersonAsync(AdministrativeRole.PlatformAdministrator, organizationId: null);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(platform);
        var queue = HtmlPage.Parse(await (await browser.GetAsync("/Registrations")).Content.ReadAsStringAsync());
        Assert.Equal($"/Registrations/{submitted.Id}", queue.Link("Lakeview Behavioral Health").GetAttribute("href"));

        var approved = await browser.FollowAsync(await browser.SubmitAsync($"/Registrations/{submitted.Id}", "approve"));

        Assert.Equal("/Registrations", ConsoleBrowser.PathOf(approved));
        var page = HtmlPage.Parse(await approved.Content.ReadAsStringAsync());
        Assert.Contains("Lakeview Behavioral Health is registered", page.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", page.TextAt("#reference"));
        var organization = await hosts.InDatabaseAsync(db => db.Organizations.SingleAsync(o => o.TaxId == taxId));
        var invited = await hosts.InDatabaseAsync(db => db.Invitations.Where(i => i.OrganizationId == organization.Id).OrderBy(i => i.GivenName).Select(i => i.Role).ToListAsync());
        Assert.Equal([AdministrativeRole.PrimaryAdministrator, AdministrativeRole.BackupAdministrator], invited);
        Assert.Equal(RegistrationStatus.Approved, await hosts.InDatabaseAsync(db => db.RegistrationRequests.Where(r => r.Id == submitted.Id).Select(r => r.Status).SingleAsync()));
    }
}
