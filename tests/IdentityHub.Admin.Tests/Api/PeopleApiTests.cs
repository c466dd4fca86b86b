using System.Net;
using IdentityHub.Core.Organizations;

namespace IdentityHub.Admin.Tests.Api;

public sealed class PeopleApiTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task An_organization_administrator_lists_and_reads_only_their_own_people()
    {
        var mine = await hosts.OrganizationAsync("Willow Creek Dental");
        var theirs = await hosts.OrganizationAsync("Pine Hill Dental");
        var (api, administrator) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, mine.Id);
        var colleague = await hosts.PersonAsync(AdministrativeRole.GeneralUser, mine.Id);
        var stranger = await hosts.PersonAsync(AdministrativeRole.GeneralUser, theirs.Id);

        var list = await (await api.GetAsync($"/api/v1/people?organizationId={theirs.Id}")).JsonAsync(HttpStatusCode.OK);
        var ids = list.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ToList();

        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal(new[] { administrator.Id, colleague.Id }.Order(), ids.Order());
        await (await api.GetAsync($"/api/v1/people/{colleague.Id}")).JsonAsync(HttpStatusCode.OK);
        await (await api.GetAsync($"/api/v1/people/{stranger.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync("/api/v1/people/no-such-id")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_organizations_person_cannot_be_changed_and_the_answer_is_the_same_as_for_nobody()
    {
        var mine = await hosts.OrganizationAsync("Aspen Orthopedics");
        var theirs = await hosts.OrganizationAsync("Spruce Orthopedics");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.BackupAdministrator, mine.Id);
        var stranger = await hosts.PersonAsync(AdministrativeRole.GeneralUser, theirs.Id);

        var cross = await api.SendAsync(HttpMethod.Put, $"/api/v1/people/{stranger.Id}/role", new { role = "BackupAdministrator" }, "\"anything\"");
        var nobody = await api.SendAsync(HttpMethod.Put, "/api/v1/people/no-such-id/role", new { role = "BackupAdministrator" }, "\"anything\"");

        var crossProblem = await cross.ProblemAsync(HttpStatusCode.NotFound);
        var nobodyProblem = await nobody.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(nobodyProblem.GetProperty("detail").GetString(), crossProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_primary_administrator_cannot_be_removed_and_a_missing_backup_is_a_warning()
    {
        var organization = await hosts.OrganizationAsync("Elm Street Internal Medicine");
        var (api, primary) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var staff = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);

        var primaryEtag = (await api.GetAsync($"/api/v1/people/{primary.Id}")).ETag();
        var demoted = await api.SendAsync(HttpMethod.Put, $"/api/v1/people/{primary.Id}/role", new { role = "GeneralUser" }, primaryEtag);
        var staffEtag = (await api.GetAsync($"/api/v1/people/{staff.Id}")).ETag();
        var backup = await api.SendAsync(HttpMethod.Put, $"/api/v1/people/{staff.Id}/role", new { role = "BackupAdministrator" }, staffEtag);
        var backToStaff = await api.SendAsync(HttpMethod.Put, $"/api/v1/people/{staff.Id}/role", new { role = "GeneralUser" }, backup.ETag());

        Assert.NotEmpty((await demoted.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("role"));
        var promoted = await backup.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("BackupAdministrator", promoted.GetProperty("value").GetProperty("role").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, JsonValueKindOf(promoted, "warning"));
        var warned = await backToStaff.JsonAsync(HttpStatusCode.OK);
        Assert.Contains("backup", warned.GetProperty("warning").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^[A-Z0-9]{4}-[A-Z0-9]{4}$", warned.GetProperty("reference").GetString()!);
    }

    [Fact]
    public async Task A_role_change_on_a_stale_version_is_412_and_without_a_version_428()
    {
        var organization = await hosts.OrganizationAsync("Magnolia Women's Health");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var staff = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var etag = (await api.GetAsync($"/api/v1/people/{staff.Id}")).ETag();
        await hosts.PlaceAsync(staff.Id, AdministrativeRole.GeneralUser, organization.Id); // another administrator saved in between

        var stale = await api.SendAsync(HttpMethod.Put, $"/api/v1/people/{staff.Id}/role", new { role = "BackupAdministrator" }, etag);
        var unversioned = await api.SendAsync(HttpMethod.Put, $"/api/v1/people/{staff.Id}/role", new { role = "BackupAdministrator" }, etag: null);
        var unknownRole = await api.SendAsync(HttpMethod.Put, $"/api/v1/people/{staff.Id}/role", new { role = "Emperor" }, stale.ETag());

        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.NotEqual(etag, stale.ETag());
        await unversioned.ProblemAsync((HttpStatusCode)428);
        Assert.NotEmpty((await unknownRole.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("role"));
    }

    [Fact]
    public async Task The_help_desk_reads_anyone_but_changes_no_role()
    {
        var organization = await hosts.OrganizationAsync("Sycamore Urgent Care");
        var staff = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.HelpDesk, organizationId: null);

        var read = await api.GetAsync($"/api/v1/people/{staff.Id}");
        var change = await api.SendAsync(HttpMethod.Put, $"/api/v1/people/{staff.Id}/role", new { role = "BackupAdministrator" }, read.ETag());

        await read.JsonAsync(HttpStatusCode.OK);
        await change.ProblemAsync(HttpStatusCode.Forbidden);
    }

    private static System.Text.Json.JsonValueKind JsonValueKindOf(System.Text.Json.JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.ValueKind : System.Text.Json.JsonValueKind.Undefined;
}
