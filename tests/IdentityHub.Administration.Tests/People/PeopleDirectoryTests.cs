using IdentityHub.Administration.People;
using IdentityHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Core.Organizations.AdministrativeRole;

namespace IdentityHub.Administration.Tests.People;

/// <summary>An organization's people (D3, D6): their administrators see only them, and roles change under the staffing rule.</summary>
public sealed class PeopleDirectoryTests(AdministrationDatabase database) : IClassFixture<AdministrationDatabase>
{
    [Fact]
    public async Task Administrators_list_and_find_only_their_own_people()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var colleague = await database.PersonAsync(GeneralUser, organization);
        var (_, elsewhere) = await OrganizationWithPrimaryAsync();
        var stranger = await database.PersonAsync(GeneralUser, elsewhere);

        var page = await InScope(p => p.ListAsync(primary, new PeopleQuery(OrganizationId: elsewhere)));

        Assert.Equal(2, page.Total);
        Assert.Equal(new[] { colleague.UserId, primary.UserId }.Order(StringComparer.Ordinal), page.Items.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.NotNull(await InScope(p => p.FindAsync(primary, colleague.UserId)));
        Assert.Null(await InScope(p => p.FindAsync(primary, stranger.UserId)));
        Assert.IsType<AdminResult<PersonView>.NotFound>(await ChangeRoleAsync(primary, stranger.UserId, BackupAdministrator));
    }

    [Fact]
    public async Task A_search_matches_part_of_a_username_and_takes_wildcards_literally()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var colleague = await database.PersonAsync(GeneralUser, organization);
        var userName = (await InScope(p => p.FindAsync(primary, colleague.UserId)))!.UserName!;

        var found = await InScope(p => p.ListAsync(primary, new PeopleQuery(Search: userName[^8..].ToLowerInvariant())));
        var wildcard = await InScope(p => p.ListAsync(primary, new PeopleQuery(Search: "%")));
        var byRole = await InScope(p => p.ListAsync(primary, new PeopleQuery(Role: PrimaryAdministrator)));

        Assert.Equal(colleague.UserId, Assert.Single(found.Items).Id);
        Assert.Equal(0, wildcard.Total);
        Assert.Equal(primary.UserId, Assert.Single(byRole.Items).Id);
    }

    [Fact]
    public async Task People_are_ordered_by_name_either_way_or_by_last_sign_in_with_those_never_signed_in_last()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var people = new[] { ("Adams", -3), ("Baker", -1), ("Clark", 0) };
        var ids = new Dictionary<string, string>();
        foreach (var (family, daysAgo) in people)
        {
            var person = await database.PersonAsync(GeneralUser, organization);
            ids[family] = person.UserId;
            await database.QueryAsync(db => db.Users.Where(u => u.Id == person.UserId).ExecuteUpdateAsync(set => set
                .SetProperty(u => u.FamilyName, family)
                .SetProperty(u => u.LastSignInAt, daysAgo == 0 ? null : database.Clock.GetUtcNow().AddDays(daysAgo))));
        }

        async Task<string[]> OrderAsync(PeopleOrder order) =>
            [.. (await InScope(p => p.ListAsync(primary, new PeopleQuery(Role: GeneralUser, Order: order)))).Items.Select(p => p.FamilyName!)];

        Assert.Equal(["Adams", "Baker", "Clark"], await OrderAsync(PeopleOrder.Name));
        Assert.Equal(["Clark", "Baker", "Adams"], await OrderAsync(PeopleOrder.NameDescending));
        Assert.Equal(["Baker", "Adams", "Clark"], await OrderAsync(PeopleOrder.LastSignIn));
        Assert.Equal(["Adams", "Baker", "Clark"], await OrderAsync(PeopleOrder.LeastRecentSignIn));
    }

    [Fact]
    public async Task Naming_a_backup_needs_no_warning_and_leaving_none_gets_one()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var colleague = await database.PersonAsync(GeneralUser, organization);

        var named = Assert.IsType<AdminResult<PersonView>.Done>(await ChangeRoleAsync(primary, colleague.UserId, BackupAdministrator));
        Assert.Null(named.Warning);
        Assert.Equal(BackupAdministrator, named.Value.Role);

        var back = Assert.IsType<AdminResult<PersonView>.Done>(await ChangeRoleAsync(primary, colleague.UserId, GeneralUser));
        Assert.StartsWith("This organization has no backup administrator.", back.Warning);
        var audited = await database.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Reference == back.Reference));
        Assert.Equal("person.role_changed", audited.Event);
        Assert.Equal("BackupAdministrator to GeneralUser", audited.Detail);
    }

    [Fact]
    public async Task The_primary_administrator_cannot_be_removed_or_doubled()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var colleague = await database.PersonAsync(GeneralUser, organization);

        var removed = Assert.IsType<AdminResult<PersonView>.Invalid>(await ChangeRoleAsync(primary, primary.UserId, BackupAdministrator));
        var doubled = Assert.IsType<AdminResult<PersonView>.Invalid>(await ChangeRoleAsync(primary, colleague.UserId, PrimaryAdministrator));
        var platform = Assert.IsType<AdminResult<PersonView>.Invalid>(await ChangeRoleAsync(primary, colleague.UserId, PlatformAdministrator));

        Assert.Equal(["An organization must keep its primary administrator. Name another primary administrator first."], removed.Problems["role"]);
        Assert.Equal(["An organization has one primary administrator. Make the current one a backup administrator first."], doubled.Problems["role"]);
        Assert.Equal(["Choose general user, backup administrator or primary administrator."], platform.Problems["role"]);
        Assert.Equal(PrimaryAdministrator, (await InScope(p => p.FindAsync(primary, primary.UserId)))!.Role);
    }

    [Fact]
    public async Task The_help_desk_sees_everyone_but_changes_no_role_and_a_stale_change_is_refused()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var colleague = await database.PersonAsync(GeneralUser, organization);
        var helpDesk = await database.PersonAsync(HelpDesk);
        var person = (await InScope(p => p.FindAsync(helpDesk, colleague.UserId)))!;

        Assert.IsType<AdminResult<PersonView>.Forbidden>(await InScope(p => p.ChangeRoleAsync(helpDesk, colleague.UserId, person.Version, BackupAdministrator)));
        Assert.IsType<AdminResult<PersonView>.Done>(await InScope(p => p.ChangeRoleAsync(primary, colleague.UserId, person.Version, BackupAdministrator)));
        Assert.IsType<AdminResult<PersonView>.Stale>(await InScope(p => p.ChangeRoleAsync(primary, colleague.UserId, person.Version, GeneralUser)));
    }

    [Fact]
    public async Task The_standing_says_until_when_the_later_lock_holds_and_a_turned_off_account_is_off_rather_than_locked()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var locked = await database.PersonAsync(GeneralUser, organization);
        var off = await database.PersonAsync(GeneralUser, organization);
        var now = database.Clock.GetUtcNow();
        await database.QueryAsync(db => db.Users.Where(u => u.Id == locked.UserId).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.LockoutEnd, now.AddMinutes(5)).SetProperty(u => u.MfaLockedUntil, now.AddMinutes(15))));
        await database.QueryAsync(db => db.Users.Where(u => u.Id == off.UserId).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.DisabledByAdministratorAt, now.AddDays(-1)).SetProperty(u => u.LockoutEnd, DateTimeOffset.MaxValue)));
        var (_, elsewhere) = await OrganizationWithPrimaryAsync();
        var stranger = await database.PersonAsync(GeneralUser, elsewhere);

        var lockedStanding = (await InScope(p => p.FindStandingAsync(primary, locked.UserId)))!;
        var offStanding = (await InScope(p => p.FindStandingAsync(primary, off.UserId)))!;

        Assert.Equal((now.AddMinutes(15), (DateTimeOffset?)null), (lockedStanding.LockedUntil!.Value, lockedStanding.TurnedOffAt));
        Assert.Equal((now.AddDays(-1), false, (DateTimeOffset?)null), (offStanding.TurnedOffAt!.Value, offStanding.TurnedOffForInactivity, offStanding.LockedUntil));
        Assert.Null(await InScope(p => p.FindStandingAsync(primary, stranger.UserId)));
    }

    private async Task<(AdminCaller Primary, string OrganizationId)> OrganizationWithPrimaryAsync()
    {
        var organization = await database.OrganizationAsync("People " + Guid.NewGuid().ToString("N")[..6]);
        return (await database.PersonAsync(PrimaryAdministrator, organization.Id), organization.Id);
    }

    /// <summary>Reads the person's current version first, as a client that has just loaded them would.</summary>
    private async Task<AdminResult<PersonView>> ChangeRoleAsync(AdminCaller caller, string id, AdministrativeRole role)
    {
        var version = await database.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp).SingleAsync());
        return await InScope(p => p.ChangeRoleAsync(caller, id, version, role));
    }

    private Task<T> InScope<T>(Func<PeopleDirectory, Task<T>> work) =>
        database.InScopeAsync(services => work(services.GetRequiredService<PeopleDirectory>()));
}
