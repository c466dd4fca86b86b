using System.Net;
using System.Net.Http.Json;
using IdentityHub.Core.Organizations;

namespace IdentityHub.Admin.Tests.Api;

/// <summary><c>/api/v1/organizations/{id}/locations</c>: an organization's offices (D1).</summary>
public sealed class LocationsApiTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    private static object Office(string name) => new
    {
        name,
        address = new { line1 = "45 River Road", city = "Schenectady", state = "NY", postalCode = "12305" },
        phone = "518-555-0190",
    };

    [Fact]
    public async Task An_administrator_adds_an_office_and_finds_it_on_the_list()
    {
        var organization = await hosts.OrganizationAsync("River Road Clinic");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);

        var created = await api.PostAsJsonAsync($"/api/v1/organizations/{organization.Id}/locations", Office("River Road office"));

        var outcome = await created.JsonAsync(HttpStatusCode.Created);
        var id = outcome.GetProperty("value").GetProperty("id").GetString();
        Assert.Equal($"/api/v1/organizations/{organization.Id}/locations/{id}", created.Headers.Location?.OriginalString);
        Assert.Matches("^[A-Z0-9]{4}-[A-Z0-9]{4}$", outcome.GetProperty("reference").GetString()!);
        Assert.Equal($"\"{outcome.GetProperty("value").GetProperty("version").GetString()}\"", created.ETag());
        var list = await (await api.GetAsync($"/api/v1/organizations/{organization.Id}/locations")).JsonAsync(HttpStatusCode.OK);
        var office = Assert.Single(list.EnumerateArray());
        Assert.Equal("River Road office", office.GetProperty("name").GetString());
        Assert.Equal("+15185550190", office.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task Mistakes_are_problem_details_naming_each_field()
    {
        var organization = await hosts.OrganizationAsync("Mistaken Office Clinic");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.BackupAdministrator, organization.Id);

        var response = await api.PostAsJsonAsync($"/api/v1/organizations/{organization.Id}/locations", new
        {
            name = "",
            address = new { line1 = "1 Elm", city = "Troy", state = "ZZ", postalCode = "1218" },
        });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("name"));
        Assert.NotEmpty(problem.ErrorsFor("address.state"));
        Assert.NotEmpty(problem.ErrorsFor("address.postalCode"));
    }

    [Fact]
    public async Task Another_organizations_offices_are_404_whatever_the_verb()
    {
        var mine = await hosts.OrganizationAsync("Own Offices Clinic");
        var theirs = await hosts.OrganizationAsync("Other Offices Clinic");
        var (platform, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, organizationId: null);
        var added = await platform.PostAsJsonAsync($"/api/v1/organizations/{theirs.Id}/locations", Office("Their office"));
        var theirOffice = (await added.JsonAsync(HttpStatusCode.Created)).GetProperty("value").GetProperty("id").GetString();
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, mine.Id);

        await (await api.GetAsync($"/api/v1/organizations/{theirs.Id}/locations")).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsJsonAsync($"/api/v1/organizations/{theirs.Id}/locations", Office("Sneaked in"))).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.SendAsync(HttpMethod.Put, $"/api/v1/organizations/{theirs.Id}/locations/{theirOffice}", Office("Renamed"), added.ETag())).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.SendAsync(HttpMethod.Delete, $"/api/v1/organizations/{theirs.Id}/locations/{theirOffice}", null, added.ETag())).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.SendAsync(HttpMethod.Put, $"/api/v1/organizations/{mine.Id}/locations/{theirOffice}", Office("Renamed"), added.ETag())).ProblemAsync(HttpStatusCode.NotFound);
        var still = await (await platform.GetAsync($"/api/v1/organizations/{theirs.Id}/locations")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Their office", Assert.Single(still.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_change_or_removal_needs_the_current_version()
    {
        var organization = await hosts.OrganizationAsync("Versioned Offices Clinic");
        var (first, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var (second, _) = await hosts.SignedInAsync(AdministrativeRole.BackupAdministrator, organization.Id);
        var added = await first.PostAsJsonAsync($"/api/v1/organizations/{organization.Id}/locations", Office("East office"));
        var url = $"/api/v1/organizations/{organization.Id}/locations/{(await added.JsonAsync(HttpStatusCode.Created)).GetProperty("value").GetProperty("id").GetString()}";

        var saved = await first.SendAsync(HttpMethod.Put, url, Office("East office (Suite 2)"), added.ETag());
        var stale = await second.SendAsync(HttpMethod.Put, url, Office("Eastern office"), added.ETag());
        var staleRemoval = await second.SendAsync(HttpMethod.Delete, url, null, added.ETag());
        var unversioned = await second.SendAsync(HttpMethod.Put, url, Office("Eastern office"), etag: null);
        var unversionedRemoval = await second.SendAsync(HttpMethod.Delete, url, null, etag: null);

        await saved.JsonAsync(HttpStatusCode.OK);
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(saved.ETag(), stale.ETag());
        await staleRemoval.ProblemAsync(HttpStatusCode.PreconditionFailed);
        await unversioned.ProblemAsync((HttpStatusCode)428);
        await unversionedRemoval.ProblemAsync((HttpStatusCode)428);
        var removed = await second.SendAsync(HttpMethod.Delete, url, null, saved.ETag());
        await removed.JsonAsync(HttpStatusCode.OK);
        Assert.Empty((await (await first.GetAsync($"/api/v1/organizations/{organization.Id}/locations")).JsonAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task The_help_desk_reads_offices_and_may_not_add_one()
    {
        var organization = await hosts.OrganizationAsync("Help Desk Offices Clinic");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.HelpDesk, organizationId: null);

        await (await api.GetAsync($"/api/v1/organizations/{organization.Id}/locations")).JsonAsync(HttpStatusCode.OK);
        await (await api.PostAsJsonAsync($"/api/v1/organizations/{organization.Id}/locations", Office("Help desk office"))).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
