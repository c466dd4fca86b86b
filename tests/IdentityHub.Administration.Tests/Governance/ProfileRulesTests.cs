using IdentityHub.Administration.Governance;
using IdentityHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Administration.Tests.Governance.GovernanceWorld;

namespace IdentityHub.Administration.Tests.Governance;

/// <summary>
/// Who defines, grants and gives security profiles (D4, A13): platform administrators define them per portal and
/// grant them to organizations; an organization's administrators give only what it holds, to their own people,
/// never to themselves; taking a grant back takes it from the people; a first profile starts a review (D7).
/// </summary>
public sealed class ProfileRulesTests(AdministrationDatabase database) : IClassFixture<AdministrationDatabase>
{
    [Fact]
    public async Task Only_platform_administrators_define_profiles_and_each_mistake_is_named()
    {
        var world = await CreateAsync(database);

        var byAdministrator = await Catalog(c => c.CreateAsync(world.Primary, new ProfileInput(world.Portal, "documents", "Documents", null)));
        Assert.IsType<AdminResult<ProfileView>.Forbidden>(byAdministrator);

        var invalid = Assert.IsType<AdminResult<ProfileView>.Invalid>(await Catalog(c => c.CreateAsync(world.Platform, new ProfileInput("no-such-portal", "Bad Role!", "", null))));
        Assert.Contains("No portal is registered", invalid.Problems["clientId"].Single());
        Assert.StartsWith("A role is lower-case letters", invalid.Problems["role"].Single());
        Assert.Equal("Enter the display name.", invalid.Problems["displayName"].Single());

        var duplicate = Assert.IsType<AdminResult<ProfileView>.Invalid>(await Catalog(c => c.CreateAsync(world.Platform, new ProfileInput(world.Portal, "claims", "Claims again", null))));
        Assert.Contains("already has a profile with the role 'claims'", duplicate.Problems["role"].Single());
    }

    [Fact]
    public async Task An_organization_administrator_gives_only_what_the_organization_holds_to_their_own_people_and_never_to_themself()
    {
        var world = await CreateAsync(database);
        var other = await CreateAsync(database);
        var person = await world.PersonAsync(database);
        var stranger = await other.PersonAsync(database);

        var given = Done(await People(p => p.SetAsync(world.Primary, person.UserId, PersonAccessView.NothingHeld, [world.Claims.Id])));
        Assert.Equal([world.Claims.Id], given.Held.Select(p => p.Id));
        Assert.Equal(database.Clock.GetUtcNow().AddDays(90), given.Review!.DueAt);

        var stale = Assert.IsType<AdminResult<PersonAccessView>.Stale>(await People(p => p.SetAsync(world.Primary, person.UserId, PersonAccessView.NothingHeld, [world.Eligibility.Id])));
        Assert.Equal(given.Version, stale.Current);
        var notHeld = Assert.IsType<AdminResult<PersonAccessView>.Invalid>(await People(p => p.SetAsync(world.Primary, person.UserId, given.Version, [other.Claims.Id])));
        Assert.Contains("does not hold these profiles", notHeld.Problems["profileIds"].Single());
        Assert.IsType<AdminResult<PersonAccessView>.NotFound>(await People(p => p.SetAsync(world.Primary, stranger.UserId, PersonAccessView.NothingHeld, [world.Claims.Id])));
        var self = Assert.IsType<AdminResult<PersonAccessView>.Forbidden>(await People(p => p.SetAsync(world.Primary, world.Primary.UserId, PersonAccessView.NothingHeld, [world.Claims.Id])));
        Assert.StartsWith("You cannot change or confirm your own access", self.Reason);
        var helpDesk = await database.PersonAsync(AdministrativeRole.HelpDesk);
        Assert.IsType<AdminResult<PersonAccessView>.Forbidden>(await People(p => p.SetAsync(helpDesk, person.UserId, PersonAccessView.NothingHeld, [world.Eligibility.Id])));

        // The backup gives the primary administrator their profiles.
        Done(await People(p => p.SetAsync(world.Backup, world.Primary.UserId, PersonAccessView.NothingHeld, [world.Claims.Id, world.Eligibility.Id])));
        Assert.Equal(2, await database.QueryAsync(db => db.UserProfiles.CountAsync(a => a.UserId == world.Primary.UserId)));
        Assert.Equal(3, await database.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "profile.assigned" && e.OrganizationId == world.OrganizationId)));
    }

    [Fact]
    public async Task Taking_a_grant_back_takes_the_profile_from_the_people_and_ends_a_review_with_nothing_left()
    {
        var world = await CreateAsync(database);
        var person = await world.PersonAsync(database);
        var other = await world.PersonAsync(database);
        Done(await People(p => p.SetAsync(world.Primary, person.UserId, PersonAccessView.NothingHeld, [world.Claims.Id])));
        Done(await People(p => p.SetAsync(world.Primary, other.UserId, PersonAccessView.NothingHeld, [world.Claims.Id, world.Eligibility.Id])));

        Assert.IsType<AdminResult<ProfileView>.Forbidden>(await database.InScopeAsync(s => s.GetRequiredService<OrganizationGrants>().RevokeAsync(world.Primary, world.OrganizationId, world.Claims.Id)));
        Done(await database.InScopeAsync(s => s.GetRequiredService<OrganizationGrants>().RevokeAsync(world.Platform, world.OrganizationId, world.Claims.Id)));

        Assert.False(await database.QueryAsync(db => db.UserProfiles.AnyAsync(a => a.ProfileId == world.Claims.Id)));
        Assert.False(await database.QueryAsync(db => db.AccessReviews.AnyAsync(r => r.UserId == person.UserId)));
        Assert.True(await database.QueryAsync(db => db.AccessReviews.AnyAsync(r => r.UserId == other.UserId)));
        Assert.Equal(2, await database.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "profile.removed" && e.OrganizationId == world.OrganizationId)));
        Assert.Equal([world.Eligibility.Id], (await database.InScopeAsync(s => s.GetRequiredService<OrganizationGrants>().ListAsync(world.Primary, world.OrganizationId)))!.Select(p => p.Id));
    }

    [Fact]
    public async Task Deleting_a_profile_takes_it_from_everyone()
    {
        var world = await CreateAsync(database);
        var person = await world.PersonAsync(database);
        Done(await People(p => p.SetAsync(world.Primary, person.UserId, PersonAccessView.NothingHeld, [world.Eligibility.Id])));

        Assert.IsType<AdminResult<ProfileView>.Stale>(await Catalog(c => c.DeleteAsync(world.Platform, world.Eligibility.Id, "old-version")));
        Done(await Catalog(c => c.DeleteAsync(world.Platform, world.Eligibility.Id, world.Eligibility.Version)));

        Assert.False(await database.QueryAsync(db => db.UserProfiles.AnyAsync(a => a.UserId == person.UserId)));
        Assert.False(await database.QueryAsync(db => db.OrganizationProfiles.AnyAsync(g => g.ProfileId == world.Eligibility.Id)));
        Assert.False(await database.QueryAsync(db => db.AccessReviews.AnyAsync(r => r.UserId == person.UserId)));
    }

    private Task<AdminResult<ProfileView>> Catalog(Func<ProfileCatalog, Task<AdminResult<ProfileView>>> act) =>
        database.InScopeAsync(s => act(s.GetRequiredService<ProfileCatalog>()));

    private Task<AdminResult<PersonAccessView>> People(Func<PersonProfiles, Task<AdminResult<PersonAccessView>>> act) =>
        database.InScopeAsync(s => act(s.GetRequiredService<PersonProfiles>()));
}
