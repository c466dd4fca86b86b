using IdentityHub.Administration.Organizations;
using IdentityHub.Core.Organizations;
using IdentityHub.Data.Organizations;
using IdentityHub.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Administration.Tests.Organizations;

/// <summary>An organization's offices (D1): who sees and changes them, their checks, versions, and removal while in use.</summary>
public sealed class LocationDirectoryTests(AdministrationDatabase database) : IClassFixture<AdministrationDatabase>
{
    private static LocationInput Office(string name) => new(name, new AddressInput("20 Elm Street", "Floor 2", "Troy", "ny", "12180"), "(518) 555-0177");

    [Fact]
    public async Task An_organization_administrator_adds_an_office_and_the_action_is_audited()
    {
        var organization = await database.OrganizationAsync("Elm Street Pediatrics");
        var backup = await database.PersonAsync(AdministrativeRole.BackupAdministrator, organization.Id);

        var done = Assert.IsType<AdminResult<LocationView>.Done>(await AddAsync(backup, organization.Id, Office("Troy office")));

        Assert.Equal("NY", done.Value.Address.State);
        Assert.Equal("+15185550177", done.Value.Phone);
        var listed = Assert.IsType<AdminResult<IReadOnlyList<LocationView>>.Done>(await ListAsync(backup, organization.Id));
        Assert.Equal("Troy office", Assert.Single(listed.Value).Name);
        var audited = await database.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Reference == done.Reference));
        Assert.Equal("location.added", audited.Event);
        Assert.Equal(backup.UserId, audited.ActorId);
        Assert.Equal(organization.Id, audited.OrganizationId);
    }

    [Fact]
    public async Task Another_organizations_offices_are_not_found()
    {
        var mine = await database.OrganizationAsync("Mine Family Medicine");
        var theirs = await database.OrganizationAsync("Theirs Orthopedics");
        var platform = await database.PersonAsync(AdministrativeRole.PlatformAdministrator);
        var office = Assert.IsType<AdminResult<LocationView>.Done>(await AddAsync(platform, theirs.Id, Office("Their office"))).Value;
        var administrator = await database.PersonAsync(AdministrativeRole.PrimaryAdministrator, mine.Id);

        Assert.IsType<AdminResult<IReadOnlyList<LocationView>>.NotFound>(await ListAsync(administrator, theirs.Id));
        Assert.IsType<AdminResult<LocationView>.NotFound>(await AddAsync(administrator, theirs.Id, Office("Sneaked in")));
        Assert.IsType<AdminResult<LocationView>.NotFound>(await ChangeAsync(administrator, theirs.Id, office.Id, office.Version, Office("Renamed")));
        Assert.IsType<AdminResult<LocationView>.NotFound>(await RemoveAsync(administrator, theirs.Id, office.Id, office.Version));
        // Naming one's own organization with another's office id finds nothing either.
        Assert.IsType<AdminResult<LocationView>.NotFound>(await ChangeAsync(administrator, mine.Id, office.Id, office.Version, Office("Renamed")));
        Assert.Equal("Their office", await database.QueryAsync(db => db.OrganizationLocations.Where(l => l.Id == office.Id).Select(l => l.Name).SingleAsync()));
    }

    [Fact]
    public async Task The_help_desk_reads_offices_but_changes_none()
    {
        var organization = await database.OrganizationAsync("Help Desk Readable Clinic");
        var platform = await database.PersonAsync(AdministrativeRole.PlatformAdministrator);
        var office = Assert.IsType<AdminResult<LocationView>.Done>(await AddAsync(platform, organization.Id, Office("Main office"))).Value;
        var helpDesk = await database.PersonAsync(AdministrativeRole.HelpDesk);

        Assert.Single(Assert.IsType<AdminResult<IReadOnlyList<LocationView>>.Done>(await ListAsync(helpDesk, organization.Id)).Value);
        Assert.IsType<AdminResult<LocationView>.Forbidden>(await AddAsync(helpDesk, organization.Id, Office("Help desk office")));
        Assert.IsType<AdminResult<LocationView>.Forbidden>(await ChangeAsync(helpDesk, organization.Id, office.Id, office.Version, Office("Renamed")));
        Assert.IsType<AdminResult<LocationView>.Forbidden>(await RemoveAsync(helpDesk, organization.Id, office.Id, office.Version));
        Assert.Equal(1, await database.QueryAsync(db => db.OrganizationLocations.CountAsync(l => l.OrganizationId == organization.Id)));
    }

    [Fact]
    public async Task A_general_user_sees_no_offices_even_of_their_own_organization()
    {
        var organization = await database.OrganizationAsync("General Staff Clinic");
        var general = await database.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);

        Assert.IsType<AdminResult<IReadOnlyList<LocationView>>.NotFound>(await ListAsync(general, organization.Id));
        Assert.IsType<AdminResult<LocationView>.NotFound>(await AddAsync(general, organization.Id, Office("My own office")));
    }

    [Fact]
    public async Task Every_mistake_is_named_by_its_field()
    {
        var organization = await database.OrganizationAsync("Mistaken Offices Clinic");
        var primary = await database.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);

        var invalid = Assert.IsType<AdminResult<LocationView>.Invalid>(
            await AddAsync(primary, organization.Id, new LocationInput(" ", new AddressInput("", null, "", "Nowhere", "1220"), "555")));

        Assert.Equal(["Enter the office's name."], invalid.Problems["name"]);
        Assert.Equal(["Enter the street address."], invalid.Problems["address.line1"]);
        Assert.Equal(["Enter the city."], invalid.Problems["address.city"]);
        Assert.Equal(["Enter the state as its two-letter postal code, for example NY."], invalid.Problems["address.state"]);
        Assert.Equal(["Enter a 5-digit ZIP code, or ZIP+4 such as 10001-1234."], invalid.Problems["address.postalCode"]);
        Assert.Equal(["Enter a valid US phone number, for example (212) 555-0100."], invalid.Problems["phone"]);
        Assert.Equal(0, await database.QueryAsync(db => db.OrganizationLocations.CountAsync(l => l.OrganizationId == organization.Id)));
    }

    [Fact]
    public async Task A_stale_change_is_refused_with_the_current_version_and_changes_nothing()
    {
        var organization = await database.OrganizationAsync("Two Editors Clinic");
        var primary = await database.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var backup = await database.PersonAsync(AdministrativeRole.BackupAdministrator, organization.Id);
        var office = Assert.IsType<AdminResult<LocationView>.Done>(await AddAsync(primary, organization.Id, Office("North office"))).Value;

        var first = Assert.IsType<AdminResult<LocationView>.Done>(await ChangeAsync(primary, organization.Id, office.Id, office.Version, Office("North office (Suite 5)")));
        var second = Assert.IsType<AdminResult<LocationView>.Stale>(await ChangeAsync(backup, organization.Id, office.Id, office.Version, Office("Northern office")));
        var removal = Assert.IsType<AdminResult<LocationView>.Stale>(await RemoveAsync(backup, organization.Id, office.Id, office.Version));

        Assert.NotEqual(office.Version, first.Value.Version);
        Assert.Equal(first.Value.Version, second.Current);
        Assert.Equal(first.Value.Version, removal.Current);
        Assert.Equal("North office (Suite 5)", await database.QueryAsync(db => db.OrganizationLocations.Where(l => l.Id == office.Id).Select(l => l.Name).SingleAsync()));
    }

    [Fact]
    public async Task An_office_is_not_removed_while_people_or_pending_invitations_name_it()
    {
        var organization = await database.OrganizationAsync("Busy Offices Clinic");
        var primary = await database.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var staffed = Assert.IsType<AdminResult<LocationView>.Done>(await AddAsync(primary, organization.Id, Office("Staffed office"))).Value;
        var invited = Assert.IsType<AdminResult<LocationView>.Done>(await AddAsync(primary, organization.Id, Office("Invited office"))).Value;
        var worker = await database.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        await database.QueryAsync(db => db.Users.Where(u => u.Id == worker.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LocationId, staffed.Id)));
        var invitation = await InviteAsync(primary, organization.Id, invited.Id);

        var withPerson = Assert.IsType<AdminResult<LocationView>.Invalid>(await RemoveAsync(primary, organization.Id, staffed.Id, staffed.Version));
        var withInvitation = Assert.IsType<AdminResult<LocationView>.Invalid>(await RemoveAsync(primary, organization.Id, invited.Id, invited.Version));

        Assert.Equal(["This office cannot be removed while 1 person works there. Move the people to another office first."], withPerson.Problems["location"]);
        Assert.Equal(["This office cannot be removed while 1 pending invitation names it. Cancel the invitations, or invite again with another office, first."], withInvitation.Problems["location"]);
        Assert.Equal(2, await database.QueryAsync(db => db.OrganizationLocations.CountAsync(l => l.OrganizationId == organization.Id)));

        // Once the invitation is cancelled, the office goes, the cancelled invitation forgets it, and the removal is audited.
        await database.QueryAsync(db => db.Invitations.Where(i => i.Id == invitation).ExecuteUpdateAsync(i => i.SetProperty(x => x.CancelledAt, database.Clock.GetUtcNow())));
        var removed = Assert.IsType<AdminResult<LocationView>.Done>(await RemoveAsync(primary, organization.Id, invited.Id, invited.Version));
        Assert.False(await database.QueryAsync(db => db.OrganizationLocations.AnyAsync(l => l.Id == invited.Id)));
        Assert.Null(await database.QueryAsync(db => db.Invitations.Where(i => i.Id == invitation).Select(i => i.LocationId).SingleAsync()));
        Assert.Equal("location.removed", await database.QueryAsync(db => db.AuditEvents.Where(e => e.Reference == removed.Reference).Select(e => e.Event).SingleAsync()));
    }

    private Task<string> InviteAsync(AdminCaller caller, string organizationId, string locationId) => database.QueryAsync(async db =>
    {
        var now = database.Clock.GetUtcNow();
        var invitation = new Invitation
        {
            OrganizationId = organizationId, GivenName = "Ina", FamilyName = "Vited", Email = $"ina-{Guid.NewGuid():N}@example.test",
            LocationId = locationId, CreatedBy = caller.UserId, CreatedAt = now, LastSentAt = now, ExpiresAt = now.AddHours(72),
            TokenHash = Guid.NewGuid().ToString("N"),
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        return invitation.Id;
    });

    private Task<AdminResult<IReadOnlyList<LocationView>>> ListAsync(AdminCaller caller, string organizationId) =>
        database.InScopeAsync(services => services.GetRequiredService<LocationDirectory>().ListAsync(caller, organizationId));

    private Task<AdminResult<LocationView>> AddAsync(AdminCaller caller, string organizationId, LocationInput input) =>
        database.InScopeAsync(services => services.GetRequiredService<LocationDirectory>().AddAsync(caller, organizationId, input));

    private Task<AdminResult<LocationView>> ChangeAsync(AdminCaller caller, string organizationId, string locationId, string version, LocationInput input) =>
        database.InScopeAsync(services => services.GetRequiredService<LocationDirectory>().ChangeAsync(caller, organizationId, locationId, version, input));

    private Task<AdminResult<LocationView>> RemoveAsync(AdminCaller caller, string organizationId, string locationId, string version) =>
        database.InScopeAsync(services => services.GetRequiredService<LocationDirectory>().RemoveAsync(caller, organizationId, locationId, version));
}
