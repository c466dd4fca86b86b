using System.Net;
using System.Net.Http.Json;
using IdentityHub.Administration.Organizations;
using IdentityHub.Administration.Registrations;
using IdentityHub.Core.Organizations;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Admin.Tests.Api;

public sealed class InvitationsAndRegistrationsApiTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task An_administrator_invites_sees_only_their_own_pending_list_resends_and_cancels()
    {
        var organization = await hosts.OrganizationAsync("Harbor View Billing");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var (backupApi, _) = await hosts.SignedInAsync(AdministrativeRole.BackupAdministrator, organization.Id);

        var created = await api.PostAsJsonAsync("/api/v1/invitations", new { givenName = "Nora", familyName = "Quinn", email = "nora.quinn@harborview.example" });
        var invitation = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("value");
        var id = invitation.GetProperty("id").GetString();
        Assert.False(invitation.TryGetProperty("linkSecret", out _), "the link's secret goes by email only");
        var email = hosts.TokenServer.Messages.LatestTo("nora.quinn@harborview.example");
        Assert.Contains("https://localhost/account/invitation?code=", email.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Harbor View Billing", email.Body, StringComparison.Ordinal);

        var mine = await (await api.GetAsync("/api/v1/invitations")).JsonAsync(HttpStatusCode.OK);
        var theirs = await (await backupApi.GetAsync("/api/v1/invitations")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([id], mine.EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        Assert.Empty(theirs.EnumerateArray());

        var notYours = await backupApi.SendAsync(HttpMethod.Post, $"/api/v1/invitations/{id}/cancel", body: null, created.ETag());
        await notYours.ProblemAsync(HttpStatusCode.NotFound);

        var resent = await api.SendAsync(HttpMethod.Post, $"/api/v1/invitations/{id}/resend", body: null, created.ETag());
        await resent.JsonAsync(HttpStatusCode.OK);
        var staleCancel = await api.SendAsync(HttpMethod.Post, $"/api/v1/invitations/{id}/cancel", body: null, created.ETag());
        await staleCancel.ProblemAsync(HttpStatusCode.PreconditionFailed);
        var cancelled = await api.SendAsync(HttpMethod.Post, $"/api/v1/invitations/{id}/cancel", body: null, resent.ETag());
        await cancelled.JsonAsync(HttpStatusCode.OK);
        Assert.Empty((await (await api.GetAsync("/api/v1/invitations")).JsonAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task An_invitation_with_mistakes_names_each_field()
    {
        var organization = await hosts.OrganizationAsync("Lighthouse Physical Therapy");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);

        var response = await api.PostAsJsonAsync("/api/v1/invitations", new { givenName = "", familyName = "Quinn", email = "not-an-email" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("givenName"));
        Assert.NotEmpty(problem.ErrorsFor("email"));
        Assert.Empty(problem.ErrorsFor("familyName"));
    }

    [Fact]
    public async Task A_platform_administrator_approves_one_request_and_rejects_another_and_nobody_else_may()
    {
        var approveId = await SubmitAsync("Summit Family Medicine");
        var rejectId = await SubmitAsync("Valley Wellness Partners");
        var (platform, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, organizationId: null);
        var (helpDesk, _) = await hosts.SignedInAsync(AdministrativeRole.HelpDesk, organizationId: null);
        var (organizationAdministrator, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, (await hosts.OrganizationAsync("Already Here Clinic")).Id);

        var queue = await (await platform.GetAsync("/api/v1/registrations")).JsonAsync(HttpStatusCode.OK);
        var pending = queue.EnumerateArray().ToDictionary(item => item.GetProperty("id").GetString()!, item => item.GetProperty("version").GetString()!);
        Assert.Contains(approveId, pending.Keys);
        await (await helpDesk.GetAsync("/api/v1/registrations")).JsonAsync(HttpStatusCode.OK); // to answer "where is my request?"
        await (await organizationAdministrator.GetAsync("/api/v1/registrations")).ProblemAsync(HttpStatusCode.Forbidden);
        var helpDeskApproval = await helpDesk.SendAsync(HttpMethod.Post, $"/api/v1/registrations/{approveId}/approve", body: null, $"\"{pending[approveId]}\"");
        await helpDeskApproval.ProblemAsync(HttpStatusCode.Forbidden);

        var approved = await platform.SendAsync(HttpMethod.Post, $"/api/v1/registrations/{approveId}/approve", body: null, $"\"{pending[approveId]}\"");
        var organization = (await approved.JsonAsync(HttpStatusCode.OK)).GetProperty("value");
        Assert.Equal("Summit Family Medicine", organization.GetProperty("name").GetString());
        var again = await platform.SendAsync(HttpMethod.Post, $"/api/v1/registrations/{approveId}/approve", body: null, $"\"{pending[approveId]}\"");
        Assert.True(again.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"approved twice: {(int)again.StatusCode}");

        var noReason = await platform.SendAsync(HttpMethod.Post, $"/api/v1/registrations/{rejectId}/reject", new { reason = " " }, $"\"{pending[rejectId]}\"");
        Assert.NotEmpty((await noReason.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("reason"));
        var rejected = await platform.SendAsync(HttpMethod.Post, $"/api/v1/registrations/{rejectId}/reject", new { reason = "We could not confirm this Tax ID." }, $"\"{pending[rejectId]}\"");
        Assert.Equal("Rejected", (await rejected.JsonAsync(HttpStatusCode.OK)).GetProperty("value").GetProperty("status").GetString());
    }

    private async Task<string> SubmitAsync(string name)
    {
        await using var scope = hosts.Admin.Services.CreateAsyncScope();
        var taxId = AdminHosts.NewTaxId();
        var input = new RegistrationInput(
            new OrganizationInput(name, taxId, taxId, new AddressInput("9 River Road", null, "Troy", "NY", "12180"), "518-555-0199", null),
            new AdministratorInput("Ada", "Primary", $"ada.{taxId}@clinic.example", "518-555-0101"),
            new AdministratorInput("Ben", "Backup", $"ben.{taxId}@clinic.example", "518-555-0102"));
        var result = await scope.ServiceProvider.GetRequiredService<RegistrationDesk>().SubmitAsync(input, from: "127.0.0.1");
        return Assert.IsType<Administration.AdminResult<RegistrationView>.Done>(result).Value.Id;
    }
}
