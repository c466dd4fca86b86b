using IdentityHub.Administration.Organizations;
using IdentityHub.Core.Organizations;
using IdentityHub.Data.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Administration.Tests.Organizations;

/// <summary>Organizations (D1) as administrators see and change them, with the access rules of D3 and D6.</summary>
public sealed class OrganizationDirectoryTests(AdministrationDatabase database) : IClassFixture<AdministrationDatabase>
{
    private static OrganizationInput Valid(string name, string taxId) => new(
        name, taxId, taxId, new AddressInput("100 State Street", "Suite 4", "Albany", "ny", "122071234"), "(518) 555-0142", null);

    [Fact]
    public async Task A_platform_administrator_registers_an_organization_and_the_action_is_audited()
    {
        var platform = await database.PersonAsync(AdministrativeRole.PlatformAdministrator);
        var taxId = AdministrationDatabase.NewTaxId();

        var result = await CreateAsync(platform, Valid("Hudson Valley Family Practice", taxId));

        var done = Assert.IsType<AdminResult<OrganizationView>.Done>(result);
        Assert.Equal(taxId, done.Value.TaxId);
        Assert.Equal("NY", done.Value.Address.State);
        Assert.Equal("12207-1234", done.Value.Address.PostalCode);
        Assert.Equal("+15185550142", done.Value.Phone);
        Assert.Equal(OrganizationStatus.Active, done.Value.Status);
        var audited = await database.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Reference == done.Reference));
        Assert.Equal("organization.created", audited.Event);
        Assert.Equal(platform.UserId, audited.ActorId);
        Assert.Equal(done.Value.Id, audited.OrganizationId);
    }

    [Fact]
    public async Task Every_mistake_is_named_by_its_field()
    {
        var platform = await database.PersonAsync(AdministrativeRole.PlatformAdministrator);
        var input = new OrganizationInput("", "12-3456789", "12-3456789", new AddressInput("", null, "Albany", "Nowhere", "1220"), "555", "not a fax");

        var invalid = Assert.IsType<AdminResult<OrganizationView>.Invalid>(await CreateAsync(platform, input));

        Assert.Equal(["Enter the organization's name."], invalid.Problems["name"]);
        Assert.Equal(["Enter the Tax ID as 9 digits only, without dashes or spaces."], invalid.Problems["taxId"]);
        Assert.Equal(["Enter the street address."], invalid.Problems["address.line1"]);
        Assert.Equal(["Enter the state as its two-letter postal code, for example NY."], invalid.Problems["address.state"]);
        Assert.Equal(["Enter a 5-digit ZIP code, or ZIP+4 such as 10001-1234."], invalid.Problems["address.postalCode"]);
        Assert.Equal(["Enter a valid US phone number, for example (212) 555-0100."], invalid.Problems["phone"]);
        Assert.Equal(["Enter a valid US fax number, for example (212) 555-0100."], invalid.Problems["fax"]);
        Assert.Equal(0, await database.QueryAsync(db => db.Organizations.CountAsync(o => o.Name == "")));
    }

    [Fact]
    public async Task A_mismatched_confirmation_and_a_taken_tax_id_are_refused()
    {
        var platform = await database.PersonAsync(AdministrativeRole.PlatformAdministrator);
        var existing = await database.OrganizationAsync("Already Here Clinic");
        var taxId = AdministrationDatabase.NewTaxId();

        var mismatch = Assert.IsType<AdminResult<OrganizationView>.Invalid>(await CreateAsync(platform, Valid("Typo Clinic", taxId) with { TaxIdConfirmation = "999999999" }));
        var taken = Assert.IsType<AdminResult<OrganizationView>.Invalid>(await CreateAsync(platform, Valid("Copy Clinic", existing.TaxId)));

        Assert.Equal(["The two Tax IDs do not match. Enter the same 9 digits in both boxes."], mismatch.Problems["taxId"]);
        Assert.Equal(["An organization with this Tax ID is already registered."], taken.Problems["taxId"]);
    }

    [Fact]
    public async Task An_organization_administrator_sees_only_their_own_and_other_ids_are_not_found()
    {
        var mine = await database.OrganizationAsync("Mine Pediatrics");
        var theirs = await database.OrganizationAsync("Theirs Cardiology");
        var administrator = await database.PersonAsync(AdministrativeRole.PrimaryAdministrator, mine.Id);

        var page = await ListAsync(administrator, new OrganizationQuery());
        Assert.Equal(1, page.Total);
        Assert.Equal(mine.Id, Assert.Single(page.Items).Id);
        Assert.NotNull(await FindAsync(administrator, mine.Id));
        Assert.Null(await FindAsync(administrator, theirs.Id));
        Assert.IsType<AdminResult<OrganizationView>.NotFound>(await UpdateAsync(administrator, theirs.Id, theirs.ConcurrencyStamp, Valid("Taken Over", theirs.TaxId)));
        Assert.IsType<AdminResult<OrganizationView>.Forbidden>(await CreateAsync(administrator, Valid("Another One", AdministrationDatabase.NewTaxId())));
        Assert.Equal("Theirs Cardiology", await database.QueryAsync(db => db.Organizations.Where(o => o.Id == theirs.Id).Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_general_user_is_no_administrator_at_all()
    {
        var organization = await database.OrganizationAsync("General Practice");
        var general = await database.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);

        var caller = await database.InScopeAsync(services => services.GetRequiredService<AdminCallers>().FindAsync(general.UserId));

        Assert.Null(caller);
    }

    [Fact]
    public async Task A_stale_write_is_refused_with_the_current_version_and_changes_nothing()
    {
        var organization = await database.OrganizationAsync("Stale Street Clinic");
        var first = await database.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var second = await database.PersonAsync(AdministrativeRole.BackupAdministrator, organization.Id);
        var readVersion = organization.ConcurrencyStamp;

        var saved = Assert.IsType<AdminResult<OrganizationView>.Done>(await UpdateAsync(first, organization.Id, readVersion, Valid("Fresh Street Clinic", organization.TaxId)));
        var stale = Assert.IsType<AdminResult<OrganizationView>.Stale>(await UpdateAsync(second, organization.Id, readVersion, Valid("Overwritten Clinic", organization.TaxId)));

        Assert.NotEqual(readVersion, saved.Value.Version);
        Assert.Equal(saved.Value.Version, stale.Current);
        Assert.Equal("Fresh Street Clinic", (await FindAsync(first, organization.Id))!.Name);
    }

    [Fact]
    public async Task Only_a_platform_administrator_changes_a_tax_id()
    {
        var organization = await database.OrganizationAsync("Tax Change Clinic");
        var administrator = await database.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);

        var refused = Assert.IsType<AdminResult<OrganizationView>.Invalid>(
            await UpdateAsync(administrator, organization.Id, organization.ConcurrencyStamp, Valid("Tax Change Clinic", AdministrationDatabase.NewTaxId())));

        Assert.Equal(["Only the plan's platform administrators change an organization's Tax ID."], refused.Problems["taxId"]);
    }

    [Fact]
    public async Task The_plan_staff_search_sort_and_page_every_organization()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        foreach (var name in new[] { "Beta", "Alpha", "Gamma" })
        {
            await database.OrganizationAsync($"{name} {marker} Group");
        }

        var helpDesk = await database.PersonAsync(AdministrativeRole.HelpDesk);

        var first = await ListAsync(helpDesk, new OrganizationQuery(Search: marker.ToUpperInvariant(), PageSize: 2));
        var second = await ListAsync(helpDesk, new OrganizationQuery(Search: marker, PageSize: 2, Page: 2));
        var descending = await ListAsync(helpDesk, new OrganizationQuery(Search: marker, Order: OrganizationOrder.NameDescending));

        Assert.Equal(3, first.Total);
        Assert.Equal([$"Alpha {marker} Group", $"Beta {marker} Group"], first.Items.Select(o => o.Name));
        Assert.Equal([$"Gamma {marker} Group"], second.Items.Select(o => o.Name));
        Assert.Equal($"Gamma {marker} Group", descending.Items[0].Name);
    }

    private Task<AdminResult<OrganizationView>> CreateAsync(AdminCaller caller, OrganizationInput input) =>
        database.InScopeAsync(services => services.GetRequiredService<OrganizationDirectory>().CreateAsync(caller, input));

    private Task<AdminResult<OrganizationView>> UpdateAsync(AdminCaller caller, string id, string version, OrganizationInput input) =>
        database.InScopeAsync(services => services.GetRequiredService<OrganizationDirectory>().UpdateAsync(caller, id, version, input));

    private Task<OrganizationView?> FindAsync(AdminCaller caller, string id) =>
        database.InScopeAsync(services => services.GetRequiredService<OrganizationDirectory>().FindAsync(caller, id));

    private Task<Page<OrganizationView>> ListAsync(AdminCaller caller, OrganizationQuery query) =>
        database.InScopeAsync(services => services.GetRequiredService<OrganizationDirectory>().ListAsync(caller, query));
}
