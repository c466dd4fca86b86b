using System.Net;
using System.Net.Http.Json;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Admin.Tests.Api;

public sealed class OrganizationsApiTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    private static object NewOrganization(string name, string taxId) => new
    {
        name,
        taxId,
        address = new { line1 = "200 State Street", city = "Albany", state = "NY", postalCode = "12210" },
        phone = "518-555-0142",
    };

    [Fact]
    public async Task A_platform_administrator_registers_an_organization_and_reads_it_back_with_its_version()
    {
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, organizationId: null);
        var taxId = AdminHosts.NewTaxId();

        var created = await api.PostAsJsonAsync("/api/v1/organizations", NewOrganization("Hudson Valley Cardiology", taxId));

        var outcome = await created.JsonAsync(HttpStatusCode.Created);
        var id = outcome.GetProperty("value").GetProperty("id").GetString();
        Assert.Equal($"/api/v1/organizations/{id}", created.Headers.Location?.OriginalString);
        Assert.Matches("^[A-Z0-9]{4}-[A-Z0-9]{4}$", outcome.GetProperty("reference").GetString()!);
        var read = await api.GetAsync($"/api/v1/organizations/{id}");
        var organization = await read.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(taxId, organization.GetProperty("taxId").GetString());
        Assert.Equal("Active", organization.GetProperty("status").GetString());
        Assert.Equal(created.ETag(), read.ETag());
    }

    [Fact]
    public async Task Mistakes_are_problem_details_naming_each_field()
    {
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, organizationId: null);

        var response = await api.PostAsJsonAsync("/api/v1/organizations", new
        {
            name = "",
            taxId = "12-3456789",
            address = new { line1 = "1 Elm", city = "Albany", state = "ZZ", postalCode = "1221" },
            phone = "555",
        });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("name"));
        Assert.Contains(problem.ErrorsFor("taxId"), message => message.Contains("digits", StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(problem.ErrorsFor("phone"));
    }

    [Fact]
    public async Task A_body_that_cannot_be_read_is_a_400_naming_the_field_never_a_500()
    {
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, organizationId: null);

        var wrongType = await api.PostAsync("/api/v1/organizations", new StringContent("""{"name": 42}""", System.Text.Encoding.UTF8, "application/json"));
        var notJson = await api.PostAsync("/api/v1/organizations", new StringContent("{name:", System.Text.Encoding.UTF8, "application/json"));
        var unknownField = await api.PostAsync("/api/v1/organizations", new StringContent("""{"nmae": "Typo Clinic"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.NotEmpty((await wrongType.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("name"));
        await notJson.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("nmae", (await unknownField.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organization_administrator_sees_only_their_own_organization_and_another_is_404()
    {
        var mine = await hosts.OrganizationAsync("Maple Street Clinic");
        var theirs = await hosts.OrganizationAsync("Oak Avenue Clinic");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, mine.Id);

        var list = await (await api.GetAsync("/api/v1/organizations?pageSize=100")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([mine.Id], list.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        await (await api.GetAsync($"/api/v1/organizations/{theirs.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        var change = await api.SendAsync(HttpMethod.Put, $"/api/v1/organizations/{theirs.Id}", NewOrganization("Taken Over", theirs.TaxId), $"\"{theirs.ConcurrencyStamp}\"");
        await change.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_platform_administrators_register_organizations()
    {
        var mine = await hosts.OrganizationAsync("Birch Lane Clinic");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, mine.Id);

        var response = await api.PostAsJsonAsync("/api/v1/organizations", NewOrganization("My Second Practice", AdminHosts.NewTaxId()));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Two_administrators_editing_one_organization_do_not_overwrite_each_other()
    {
        var organization = await hosts.OrganizationAsync("Cedar Ridge Clinic");
        var (first, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var (second, _) = await hosts.SignedInAsync(AdministrativeRole.BackupAdministrator, organization.Id);
        var etag = (await first.GetAsync($"/api/v1/organizations/{organization.Id}")).ETag();

        var saved = await first.SendAsync(HttpMethod.Put, $"/api/v1/organizations/{organization.Id}", NewOrganization("Cedar Ridge Family Clinic", organization.TaxId), etag);
        var stale = await second.SendAsync(HttpMethod.Put, $"/api/v1/organizations/{organization.Id}", NewOrganization("Cedar Ridge Medical", organization.TaxId), etag);
        var unversioned = await second.SendAsync(HttpMethod.Put, $"/api/v1/organizations/{organization.Id}", NewOrganization("Cedar Ridge Medical", organization.TaxId), etag: null);

        await saved.JsonAsync(HttpStatusCode.OK);
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(saved.ETag(), stale.ETag());
        await unversioned.ProblemAsync((HttpStatusCode)428);
        var now = await (await first.GetAsync($"/api/v1/organizations/{organization.Id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Cedar Ridge Family Clinic", now.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Lists_are_searched_filtered_ordered_and_paged_with_a_total()
    {
        var token = await hosts.ServiceTokenAsync(TestClients.Integration, TestClients.IntegrationSecret);
        var api = hosts.Api(token);
        var marker = "Paging" + Guid.NewGuid().ToString("N")[..6];
        foreach (var letter in new[] { "C", "A", "B" })
        {
            await hosts.OrganizationAsync($"{marker} {letter}");
        }

        var page = await (await api.GetAsync($"/api/v1/organizations?search={marker}&order=NameDescending&page=2&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        var badSize = await api.GetAsync("/api/v1/organizations?pageSize=1000");
        var badStatus = await api.GetAsync("/api/v1/organizations?status=Sleeping");

        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal([$"{marker} A"], page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("name").GetString()));
        Assert.NotEmpty((await badSize.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("pageSize"));
        Assert.Contains("status", (await badStatus.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
