using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Governance;
using IdentityHub.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Administration.Governance;

/// <summary>
/// The profiles a person holds (D4, A13). An organization's administrators give only the profiles their
/// organization holds, to their own people; the plan's platform administrators also give any profile to the
/// plan's own people. Nobody changes their own access. A person's first profile starts their re-certification.
/// </summary>
public sealed class PersonProfiles(IdentityHubDbContext db, AdminAudit audit, AccessReviews reviews, IOptionsMonitor<GovernanceOptions> options, TimeProvider time)
{
    public async Task<PersonAccessView?> FindAsync(AdminCaller caller, string userId, CancellationToken cancellationToken = default)
    {
        var person = await VisibleAsync(caller, userId, cancellationToken);
        return person is null ? null : await ViewAsync(person, cancellationToken);
    }

    /// <summary>Replaces the profiles the person holds, if they still hold what <paramref name="version"/> names (else "stale").</summary>
    public async Task<AdminResult<PersonAccessView>> SetAsync(AdminCaller caller, string userId, string version, IReadOnlyCollection<string> profileIds, CancellationToken cancellationToken = default)
    {
        var person = await VisibleAsync(caller, userId, cancellationToken);
        if (person is null)
        {
            return new AdminResult<PersonAccessView>.NotFound();
        }

        if (Refusal(caller, person) is { } refusal)
        {
            return new AdminResult<PersonAccessView>.Forbidden(refusal);
        }

        var assignable = await AssignableAsync(person, cancellationToken);
        var wanted = profileIds.Distinct(StringComparer.Ordinal).ToList();
        var unknown = wanted.Where(id => assignable.All(p => p.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            var problem = person.OrganizationId is null
                ? $"These profiles do not exist: {string.Join(", ", unknown)}."
                : $"The organization does not hold these profiles, so they cannot be given: {string.Join(", ", unknown)}.";
            return new AdminResult<PersonAccessView>.Invalid(new Dictionary<string, string[]> { ["profileIds"] = [problem] });
        }

        var held = await db.UserProfiles.Where(a => a.UserId == userId).ToListAsync(cancellationToken);
        if (PersonAccessView.Of(held.Select(a => a.ProfileId)) is var current && current != version)
        {
            return new AdminResult<PersonAccessView>.Stale(current);
        }

        var now = time.GetUtcNow();
        string? reference = null;
        foreach (var id in wanted.Where(id => held.All(a => a.ProfileId != id)))
        {
            var profile = assignable.First(p => p.Id == id);
            db.UserProfiles.Add(new UserProfile { UserId = userId, ProfileId = id, AssignedAt = now, AssignedBy = caller.UserId });
            reference = audit.Add(caller, "profile.assigned", userId, person.OrganizationId, $"{profile.ClientId}: {profile.Role}");
        }

        foreach (var removed in held.Where(a => !wanted.Contains(a.ProfileId)))
        {
            db.UserProfiles.Remove(removed);
            var profile = await db.SecurityProfiles.AsNoTracking().FirstAsync(p => p.Id == removed.ProfileId, cancellationToken);
            reference = audit.Add(caller, "profile.removed", userId, person.OrganizationId, $"{profile.ClientId}: {profile.Role}");
        }

        if (wanted.Count > 0)
        {
            await AccessReviewRecords.EnsureAsync(db, userId, now, options.CurrentValue.RecertificationInterval, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator changed the same person's profiles at this moment: show what they hold now.
            db.ChangeTracker.Clear();
            var holdsNow = await db.UserProfiles.Where(a => a.UserId == userId).Select(a => a.ProfileId).ToListAsync(cancellationToken);
            return new AdminResult<PersonAccessView>.Stale(PersonAccessView.Of(holdsNow));
        }

        await AccessReviewRecords.ForgetWithoutProfilesAsync(db, [userId], cancellationToken);
        return new AdminResult<PersonAccessView>.Done(await ViewAsync(person, cancellationToken), Reference: reference);
    }

    /// <summary>Why the caller may not change this person's access, or null.</summary>
    internal static string? Refusal(AdminCaller caller, IdentityHubUser person)
    {
        if (caller.Role == AdministrativeRole.HelpDesk)
        {
            return "The help desk does not change access; a platform administrator or the organization's administrator does.";
        }

        if (person.Id == caller.UserId)
        {
            return "You cannot change or confirm your own access. Ask your backup administrator or the plan's platform administrators.";
        }

        return person.OrganizationId is null && !caller.IsPlatformAdministrator
            ? "Only a platform administrator changes the access of the plan's own people."
            : null;
    }

    private async Task<IdentityHubUser?> VisibleAsync(AdminCaller caller, string userId, CancellationToken cancellationToken)
    {
        var person = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return person is not null && caller.CanSeePersonOf(person.OrganizationId)
            ? person
            : null;
    }

    /// <summary>The organization's profiles, or every profile for the plan's own people.</summary>
    private async Task<List<SecurityProfile>> AssignableAsync(IdentityHubUser person, CancellationToken cancellationToken) =>
        await db.SecurityProfiles.AsNoTracking()
            .Where(p => person.OrganizationId == null || db.OrganizationProfiles.Any(g => g.OrganizationId == person.OrganizationId && g.ProfileId == p.Id))
            .OrderBy(p => p.ClientId).ThenBy(p => p.DisplayName)
            .ToListAsync(cancellationToken);

    private async Task<PersonAccessView> ViewAsync(IdentityHubUser person, CancellationToken cancellationToken)
    {
        var assignable = await AssignableAsync(person, cancellationToken);
        var held = await db.SecurityProfiles.AsNoTracking()
            .Where(p => db.UserProfiles.Any(a => a.UserId == person.Id && a.ProfileId == p.Id))
            .OrderBy(p => p.ClientId).ThenBy(p => p.DisplayName)
            .ToListAsync(cancellationToken);
        var review = await reviews.ForPersonAsync(person.Id, cancellationToken);
        return new PersonAccessView(person.Id, person.OrganizationId, [.. held.Select(ProfileView.Of)], [.. assignable.Select(ProfileView.Of)], review);
    }
}
