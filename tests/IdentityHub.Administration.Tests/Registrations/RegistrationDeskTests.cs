using IdentityHub.Administration.Organizations;
using IdentityHub.Administration.Registrations;
using IdentityHub.Core.Organizations;
using IdentityHub.Data.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Administration.Tests.Registrations;

/// <summary>Registration requests (D2): submitted publicly, approved (organization and both administrators invited) or rejected.</summary>
public sealed class RegistrationDeskTests(AdministrationDatabase database) : IClassFixture<AdministrationDatabase>
{
    private static RegistrationInput Request(string taxId) => new(
        new OrganizationInput("Lakeside Family Medicine", taxId, taxId, new AddressInput("20 Lake Road", null, "Syracuse", "NY", "13202"), "315-555-0188", "315-555-0189"),
        new AdministratorInput("Ana", "Lopez", "ana.lopez@lakeside.example", "315-555-0101"),
        new AdministratorInput("Ben", "Okafor", "ben.okafor@lakeside.example", "315-555-0102"));

    [Fact]
    public async Task An_approved_request_creates_the_organization_and_invites_its_primary_and_backup_administrators()
    {
        var platform = await database.PersonAsync(AdministrativeRole.PlatformAdministrator);
        var submitted = Assert.IsType<AdminResult<RegistrationView>.Done>(await InScope(d => d.SubmitAsync(Request(AdministrationDatabase.NewTaxId()), "198.51.100.7"))).Value;
        var queue = Assert.IsType<AdminResult<IReadOnlyList<RegistrationView>>.Done>(await InScope(d => d.ListAsync(platform, RegistrationStatus.Pending))).Value;
        Assert.Contains(queue, r => r.Id == submitted.Id);

        var approved = Assert.IsType<AdminResult<ApprovedRegistration>.Done>(await InScope(d => d.ApproveAsync(platform, submitted.Id, submitted.Version))).Value;

        Assert.Equal("Lakeside Family Medicine", approved.Organization.Name);
        var invited = await database.QueryAsync(db => db.Invitations.Where(i => i.OrganizationId == approved.Organization.Id).OrderBy(i => i.GivenName).ToListAsync());
        Assert.Equal([("Ana", AdministrativeRole.PrimaryAdministrator), ("Ben", AdministrativeRole.BackupAdministrator)], invited.Select(i => (i.GivenName, i.Role)));
        Assert.True((await database.InScopeAsync(s => s.GetRequiredService<IdentityHub.Administration.Invitations.InvitationRegister>().OpenAsync(database.Sent.LinkSecretTo("ana.lopez@lakeside.example")))).IsUsable);
        var request = await database.QueryAsync(db => db.RegistrationRequests.SingleAsync(r => r.Id == submitted.Id));
        Assert.Equal((RegistrationStatus.Approved, approved.Organization.Id, platform.UserId), (request.Status, request.OrganizationId, request.DecidedBy));
    }

    [Fact]
    public async Task The_public_form_names_each_mistake()
    {
        var input = Request("12-3456789") with
        {
            Primary = new AdministratorInput("Ana", "", "ana@lakeside.example", "12"),
            Secondary = new AdministratorInput("Ben", "Okafor", "ANA@lakeside.example", "315-555-0102"),
        };

        var invalid = Assert.IsType<AdminResult<RegistrationView>.Invalid>(await InScope(d => d.SubmitAsync(input, null)));

        Assert.Equal(["Enter the Tax ID as 9 digits only, without dashes or spaces."], invalid.Problems["taxId"]);
        Assert.Equal(["Enter the last name."], invalid.Problems["primary.familyName"]);
        Assert.Equal(["Enter a valid US phone number, for example (212) 555-0100."], invalid.Problems["primary.phone"]);
        Assert.False(invalid.Problems.ContainsKey("secondary.email"), "the primary's problems make the pair unchecked");
    }

    [Fact]
    public async Task The_secondary_administrator_must_be_someone_else()
    {
        var input = Request(AdministrationDatabase.NewTaxId()) with { Secondary = new AdministratorInput("Ana", "Lopez", "ANA.LOPEZ@lakeside.example", "315-555-0101") };

        var invalid = Assert.IsType<AdminResult<RegistrationView>.Invalid>(await InScope(d => d.SubmitAsync(input, null)));

        Assert.Equal(["The secondary administrator must be a different person: enter their own email address."], invalid.Problems["secondary.email"]);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_a_decided_request_cannot_be_decided_again()
    {
        var platform = await database.PersonAsync(AdministrativeRole.PlatformAdministrator);
        var submitted = Assert.IsType<AdminResult<RegistrationView>.Done>(await InScope(d => d.SubmitAsync(Request(AdministrationDatabase.NewTaxId()), null))).Value;

        var noReason = Assert.IsType<AdminResult<RegistrationView>.Invalid>(await InScope(d => d.RejectAsync(platform, submitted.Id, submitted.Version, " ")));
        var rejected = Assert.IsType<AdminResult<RegistrationView>.Done>(await InScope(d => d.RejectAsync(platform, submitted.Id, submitted.Version, "We could not confirm the practice's Tax ID.")));
        var again = Assert.IsType<AdminResult<ApprovedRegistration>.Invalid>(await InScope(d => d.ApproveAsync(platform, submitted.Id, rejected.Value.Version)));

        Assert.Equal(["Enter the reason the requester will read."], noReason.Problems["reason"]);
        Assert.Equal(RegistrationStatus.Rejected, rejected.Value.Status);
        Assert.Equal(["This request was already rejected."], again.Problems["status"]);
        Assert.IsType<AdminResult<ApprovedRegistration>.Stale>(await InScope(d => d.ApproveAsync(platform, submitted.Id, submitted.Version)));
    }

    [Fact]
    public async Task Only_platform_administrators_decide_and_a_taken_tax_id_is_not_approved()
    {
        var existing = await database.OrganizationAsync("Already Registered");
        var administrator = await database.PersonAsync(AdministrativeRole.PrimaryAdministrator, existing.Id);
        var platform = await database.PersonAsync(AdministrativeRole.PlatformAdministrator);
        var submitted = Assert.IsType<AdminResult<RegistrationView>.Done>(await InScope(d => d.SubmitAsync(Request(existing.TaxId), null))).Value;

        Assert.IsType<AdminResult<IReadOnlyList<RegistrationView>>.Forbidden>(await InScope(d => d.ListAsync(administrator, RegistrationStatus.Pending)));
        Assert.IsType<AdminResult<ApprovedRegistration>.Forbidden>(await InScope(d => d.ApproveAsync(administrator, submitted.Id, submitted.Version)));
        var taken = Assert.IsType<AdminResult<ApprovedRegistration>.Invalid>(await InScope(d => d.ApproveAsync(platform, submitted.Id, submitted.Version)));
        Assert.StartsWith("An organization with this Tax ID is already registered.", Assert.Single(taken.Problems["taxId"]));
        Assert.Equal(1, await database.QueryAsync(db => db.Organizations.CountAsync(o => o.TaxId == existing.TaxId)));
    }

    [Fact]
    public async Task The_plans_staff_find_one_request_in_any_status_and_an_organizations_administrator_finds_none()
    {
        var helpDesk = await database.PersonAsync(AdministrativeRole.HelpDesk);
        var administrator = await database.PersonAsync(AdministrativeRole.PrimaryAdministrator, (await database.OrganizationAsync("Find Clinic")).Id);
        var platform = await database.PersonAsync(AdministrativeRole.PlatformAdministrator);
        var submitted = Assert.IsType<AdminResult<RegistrationView>.Done>(await InScope(d => d.SubmitAsync(Request(AdministrationDatabase.NewTaxId()), null))).Value;
        Assert.IsType<AdminResult<RegistrationView>.Done>(await InScope(d => d.RejectAsync(platform, submitted.Id, submitted.Version, "We could not confirm the Tax ID.")));

        var found = Assert.IsType<AdminResult<RegistrationView>.Done>(await InScope(d => d.FindAsync(helpDesk, submitted.Id))).Value;

        Assert.Equal((submitted.Id, RegistrationStatus.Rejected), (found.Id, found.Status));
        Assert.IsType<AdminResult<RegistrationView>.NotFound>(await InScope(d => d.FindAsync(administrator, submitted.Id)));
        Assert.IsType<AdminResult<RegistrationView>.NotFound>(await InScope(d => d.FindAsync(helpDesk, "no-such-request")));
    }

    private Task<T> InScope<T>(Func<RegistrationDesk, Task<T>> work) =>
        database.InScopeAsync(services => work(services.GetRequiredService<RegistrationDesk>()));
}
