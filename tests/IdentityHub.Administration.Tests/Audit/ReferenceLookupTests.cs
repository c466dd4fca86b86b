using IdentityHub.Administration.Audit;
using IdentityHub.Administration.People;
using IdentityHub.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Core.Organizations.AdministrativeRole;

namespace IdentityHub.Administration.Tests.Audit;

/// <summary>The help desk's look-up (D8): a reference read out on the phone, the events behind it, and who may see them.</summary>
public sealed class ReferenceLookupTests(AdministrationDatabase database) : IClassFixture<AdministrationDatabase>
{
    [Fact]
    public async Task The_help_desk_finds_the_events_behind_a_reference_however_it_was_read_out()
    {
        var (primary, person, reference) = await UnlockedPersonAsync();
        var helpDesk = await database.PersonAsync(HelpDesk);

        var spoken = reference.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant();
        var found = Assert.IsType<AdminResult<IReadOnlyList<ReferencedEvent>>.Done>(await LookUpAsync(helpDesk, spoken));

        var entry = Assert.Single(found.Value);
        Assert.Equal(("person.unlocked", "succeeded", person.UserName, primary.UserId), (entry.Event, entry.Outcome, entry.UserName, entry.ActorId));
        Assert.Equal(database.Clock.GetUtcNow().ToUnixTimeSeconds(), entry.OccurredAt.ToUnixTimeSeconds());
        Assert.IsType<AdminResult<IReadOnlyList<ReferencedEvent>>.Done>(await LookUpAsync(helpDesk, reference.Replace("-", "", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Organization_administrators_see_only_their_own_organizations_events_and_general_users_none()
    {
        var (primary, person, reference) = await UnlockedPersonAsync();
        var (otherPrimary, _, _) = await UnlockedPersonAsync();
        var platform = await database.PersonAsync(PlatformAdministrator);

        Assert.IsType<AdminResult<IReadOnlyList<ReferencedEvent>>.Done>(await LookUpAsync(primary, reference));
        Assert.IsType<AdminResult<IReadOnlyList<ReferencedEvent>>.Done>(await LookUpAsync(platform, reference));
        Assert.IsType<AdminResult<IReadOnlyList<ReferencedEvent>>.NotFound>(await LookUpAsync(otherPrimary, reference));
        Assert.IsType<AdminResult<IReadOnlyList<ReferencedEvent>>.NotFound>(await LookUpAsync(platform, "ZZZZ-ZZZZ"));
        Assert.IsType<AdminResult<IReadOnlyList<ReferencedEvent>>.Forbidden>(
            await LookUpAsync(new AdminCaller(person.Id, GeneralUser, person.OrganizationId), reference));
        var invalid = Assert.IsType<AdminResult<IReadOnlyList<ReferencedEvent>>.Invalid>(await LookUpAsync(platform, "4F7K-9QX"));
        Assert.Equal(["Enter the reference number as 8 letters and digits, for example 4F7K-9QXM."], invalid.Problems["reference"]);
    }

    [Fact]
    public async Task Organization_administrators_see_the_token_servers_events_about_their_people()
    {
        var (primary, person, _) = await UnlockedPersonAsync();
        var (otherPrimary, _, _) = await UnlockedPersonAsync();
        var reference = Core.Audit.AuditReferences.New();
        await database.QueryAsync(db =>
        {
            db.AuditEvents.Add(new Data.Audit.AuditEvent
            {
                OccurredAt = database.Clock.GetUtcNow(), UserId = person.Id, Event = "mfa.locked", Outcome = "locked", Reference = reference,
            });
            return db.SaveChangesAsync();
        });

        var found = Assert.IsType<AdminResult<IReadOnlyList<ReferencedEvent>>.Done>(await LookUpAsync(primary, reference));
        Assert.Equal(("mfa.locked", person.UserName), (Assert.Single(found.Value).Event, found.Value[0].UserName));
        Assert.IsType<AdminResult<IReadOnlyList<ReferencedEvent>>.NotFound>(await LookUpAsync(otherPrimary, reference));
    }

    [Theory]
    [InlineData("4f7k-9qxm", "4F7K-9QXM")]
    [InlineData(" 4F7K 9QXM ", "4F7K-9QXM")]
    [InlineData("4F7K9QXM", "4F7K-9QXM")]
    [InlineData("OI7L-9QXM", "0171-9QXM")]
    [InlineData("4F7K-9QXU", null)]
    [InlineData("4F7K-9QXM-1", null)]
    [InlineData("", null)]
    public void A_reference_is_read_the_way_it_is_written(string entered, string? expected) =>
        Assert.Equal(expected, AuditReferenceInput.Normalize(entered));

    private async Task<(AdminCaller Primary, IdentityHubUser Person, string Reference)> UnlockedPersonAsync()
    {
        var organization = await database.OrganizationAsync("Lookup " + Guid.NewGuid().ToString("N")[..6]);
        var primary = await database.PersonAsync(PrimaryAdministrator, organization.Id);
        var personCaller = await database.PersonAsync(GeneralUser, organization.Id);
        var person = await database.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == personCaller.UserId));
        var unlocked = Assert.IsType<AdminResult<PersonView>.Done>(await database.InScopeAsync(services =>
            services.GetRequiredService<AccountActions>().UnlockAsync(primary, person.Id, person.ConcurrencyStamp)));
        return (primary, person, unlocked.Reference!);
    }

    private Task<AdminResult<IReadOnlyList<ReferencedEvent>>> LookUpAsync(AdminCaller caller, string reference) =>
        database.InScopeAsync(services => services.GetRequiredService<ReferenceLookup>().FindAsync(caller, reference));
}
