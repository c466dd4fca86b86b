using System.Net;
using IdentityHub.Core.Organizations;

namespace IdentityHub.Admin.Tests.Api;

/// <summary>What administrators do to one person's account through the API (D6), and the help desk's part (D8).</summary>
public sealed class AccountActionsApiTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    private static readonly string[] Actions = ["disable", "enable", "unlock", "reset-mfa", "end-sessions", "password-reset"];

    [Fact]
    public async Task Every_action_on_another_organizations_person_answers_like_an_unknown_id()
    {
        var mine = await hosts.OrganizationAsync("North Shore Pediatrics");
        var theirs = await hosts.OrganizationAsync("South Shore Pediatrics");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, mine.Id);
        var stranger = await hosts.PersonAsync(AdministrativeRole.GeneralUser, theirs.Id);
        var etag = $"\"{stranger.ConcurrencyStamp}\"";

        foreach (var action in Actions)
        {
            var cross = await (await api.SendAsync(HttpMethod.Post, $"/api/v1/people/{stranger.Id}/{action}", body: null, etag)).ProblemAsync(HttpStatusCode.NotFound);
            var unknown = await (await api.SendAsync(HttpMethod.Post, $"/api/v1/people/nobody/{action}", body: null, etag)).ProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(unknown.GetProperty("detail").GetString(), cross.GetProperty("detail").GetString());
        }

        var details = await api.SendAsync(HttpMethod.Put, $"/api/v1/people/{stranger.Id}/details", new { givenName = "X", familyName = "Y" }, etag);
        await details.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_administrator_turns_a_person_off_and_on_with_a_reference_each_time_and_a_version_each_step()
    {
        var organization = await hosts.OrganizationAsync("Clover Hill Billing");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var staff = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var read = await api.GetAsync($"/api/v1/people/{staff.Id}");

        var unversioned = await api.SendAsync(HttpMethod.Post, $"/api/v1/people/{staff.Id}/disable", body: null, etag: null);
        var disabled = await api.SendAsync(HttpMethod.Post, $"/api/v1/people/{staff.Id}/disable", body: null, read.ETag());
        var stale = await api.SendAsync(HttpMethod.Post, $"/api/v1/people/{staff.Id}/enable", body: null, read.ETag());
        var enabled = await api.SendAsync(HttpMethod.Post, $"/api/v1/people/{staff.Id}/enable", body: null, disabled.ETag());

        await unversioned.ProblemAsync((HttpStatusCode)428);
        var off = await disabled.JsonAsync(HttpStatusCode.OK);
        Assert.True(off.GetProperty("value").GetProperty("isDisabled").GetBoolean());
        Assert.Matches("^[A-Z0-9]{4}-[A-Z0-9]{4}$", off.GetProperty("reference").GetString()!);
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.False((await enabled.JsonAsync(HttpStatusCode.OK)).GetProperty("value").GetProperty("isDisabled").GetBoolean());
    }

    [Fact]
    public async Task The_help_desk_unlocks_and_starts_a_reset_but_turns_nobody_off_and_looks_up_the_reference()
    {
        var organization = await hosts.OrganizationAsync("Bayside Family Health");
        var staff = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var (helpDesk, _) = await hosts.SignedInAsync(AdministrativeRole.HelpDesk, organizationId: null);
        var (otherAdministrator, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, (await hosts.OrganizationAsync("Elsewhere Clinic")).Id);

        var unlocked = await helpDesk.SendAsync(HttpMethod.Post, $"/api/v1/people/{staff.Id}/unlock", body: null, (await helpDesk.GetAsync($"/api/v1/people/{staff.Id}")).ETag());
        var reset = await helpDesk.SendAsync(HttpMethod.Post, $"/api/v1/people/{staff.Id}/password-reset", body: null, unlocked.ETag());
        var disable = await helpDesk.SendAsync(HttpMethod.Post, $"/api/v1/people/{staff.Id}/disable", body: null, reset.ETag());

        await unlocked.JsonAsync(HttpStatusCode.OK);
        var reference = (await reset.JsonAsync(HttpStatusCode.OK)).GetProperty("reference").GetString()!;
        Assert.Contains("https://localhost/Account/Password/Choose?code=", hosts.TokenServer.Messages.LatestTo(staff.Email!).Body, StringComparison.Ordinal);
        await disable.ProblemAsync(HttpStatusCode.Forbidden);

        var events = await (await helpDesk.GetAsync($"/api/v1/references/{reference.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("userName").GetString() == staff.UserName);
        await (await otherAdministrator.GetAsync($"/api/v1/references/{reference}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Details_with_mistakes_name_each_field()
    {
        var organization = await hosts.OrganizationAsync("Granite State Therapy");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.BackupAdministrator, organization.Id);
        var staff = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var etag = (await api.GetAsync($"/api/v1/people/{staff.Id}")).ETag();

        var wrong = await api.SendAsync(HttpMethod.Put, $"/api/v1/people/{staff.Id}/details", new { givenName = "", familyName = "Lee", locationId = "not-an-office" }, etag);
        var right = await api.SendAsync(HttpMethod.Put, $"/api/v1/people/{staff.Id}/details", new { givenName = "Mina", familyName = "Lee" }, etag);

        var problem = await wrong.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("givenName"));
        Assert.NotEmpty(problem.ErrorsFor("locationId"));
        Assert.Equal("Mina", (await right.JsonAsync(HttpStatusCode.OK)).GetProperty("value").GetProperty("givenName").GetString());
    }
}
