using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Governance;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace IdentityHub.Administration.Governance;

/// <summary>
/// The security profiles of each portal (D4): platform administrators define, rename and delete them; an
/// organization's administrators see the ones their organization holds. Deleting a profile takes it from every
/// organization and person at once (their next refresh for that portal is refused).
/// </summary>
public sealed class ProfileCatalog(IdentityHubDbContext db, AdminAudit audit, TimeProvider time)
{
    internal const string PlatformOnly = "Only the plan's platform administrators define security profiles.";

    /// <summary>Every profile for the plan's staff; for an organization's administrators, those their organization holds.</summary>
    public async Task<IReadOnlyList<ProfileView>> ListAsync(AdminCaller caller, string? clientId = null, CancellationToken cancellationToken = default)
    {
        var profiles = db.SecurityProfiles.AsNoTracking().Where(p => clientId == null || p.ClientId == clientId);
        if (!caller.Role.IsPlatformStaff())
        {
            profiles = profiles.Where(p => db.OrganizationProfiles.Any(g => g.ProfileId == p.Id && g.OrganizationId == caller.OrganizationId));
        }

        var list = await profiles.OrderBy(p => p.ClientId).ThenBy(p => p.DisplayName).ToListAsync(cancellationToken);
        return [.. list.Select(ProfileView.Of)];
    }

    public async Task<ProfileView?> FindAsync(AdminCaller caller, string id, CancellationToken cancellationToken = default) =>
        (await ListAsync(caller, cancellationToken: cancellationToken)).FirstOrDefault(p => p.Id == id);

    public async Task<AdminResult<ProfileView>> CreateAsync(AdminCaller caller, ProfileInput input, CancellationToken cancellationToken = default)
    {
        if (!caller.IsPlatformAdministrator)
        {
            return new AdminResult<ProfileView>.Forbidden(PlatformOnly);
        }

        var problems = new FieldProblems();
        var profile = ProfileInputs.Check(input, problems);
        await CheckPortalAndRoleAsync(profile, exceptId: null, problems, cancellationToken);
        if (problems.Any)
        {
            return new AdminResult<ProfileView>.Invalid(problems.ToDictionary());
        }

        var created = new SecurityProfile
        {
            ClientId = profile.ClientId,
            Role = profile.Role,
            DisplayName = profile.DisplayName,
            Description = profile.Description,
            CreatedAt = time.GetUtcNow(),
        };
        db.SecurityProfiles.Add(created);
        var reference = audit.Add(caller, "profile.created", null, null, $"{created.ClientId}: {created.Role} ({created.DisplayName})");
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<ProfileView>.Done(ProfileView.Of(created), Reference: reference);
    }

    /// <summary>Renames or re-describes a profile, or changes its role claim; its portal stays.</summary>
    public async Task<AdminResult<ProfileView>> UpdateAsync(AdminCaller caller, string id, string version, ProfileInput input, CancellationToken cancellationToken = default)
    {
        var profile = await db.SecurityProfiles.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (profile is null || !caller.Role.IsPlatformStaff())
        {
            return new AdminResult<ProfileView>.NotFound();
        }

        if (!caller.IsPlatformAdministrator)
        {
            return new AdminResult<ProfileView>.Forbidden(PlatformOnly);
        }

        var problems = new FieldProblems();
        var changed = ProfileInputs.Check(input with { ClientId = input.ClientId ?? profile.ClientId }, problems);
        if (changed.ClientId != profile.ClientId)
        {
            problems.Add("clientId", "A profile stays with its portal. Define a new profile for the other portal instead.");
        }

        await CheckPortalAndRoleAsync(changed, exceptId: profile.Id, problems, cancellationToken);
        if (problems.Any)
        {
            return new AdminResult<ProfileView>.Invalid(problems.ToDictionary());
        }

        if (profile.ConcurrencyStamp != version)
        {
            return new AdminResult<ProfileView>.Stale(profile.ConcurrencyStamp);
        }

        profile.Role = changed.Role;
        profile.DisplayName = changed.DisplayName;
        profile.Description = changed.Description;
        profile.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var reference = audit.Add(caller, "profile.changed", null, null, $"{profile.ClientId}: {profile.Role} ({profile.DisplayName})");
        return await VersionedChanges.SaveAsync(
            db,
            () => new AdminResult<ProfileView>.Done(ProfileView.Of(profile), Reference: reference),
            async token => await db.SecurityProfiles.AsNoTracking().Where(p => p.Id == id).Select(p => p.ConcurrencyStamp).FirstOrDefaultAsync(token),
            cancellationToken);
    }

    /// <summary>Deletes a profile, its grants and every person's assignment of it.</summary>
    public async Task<AdminResult<ProfileView>> DeleteAsync(AdminCaller caller, string id, string version, CancellationToken cancellationToken = default)
    {
        var profile = await db.SecurityProfiles.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (profile is null || !caller.Role.IsPlatformStaff())
        {
            return new AdminResult<ProfileView>.NotFound();
        }

        if (!caller.IsPlatformAdministrator)
        {
            return new AdminResult<ProfileView>.Forbidden(PlatformOnly);
        }

        if (profile.ConcurrencyStamp != version)
        {
            return new AdminResult<ProfileView>.Stale(profile.ConcurrencyStamp);
        }

        var holders = await db.UserProfiles.Where(a => a.ProfileId == id).Select(a => a.UserId).ToListAsync(cancellationToken);
        db.SecurityProfiles.Remove(profile);
        var reference = audit.Add(caller, "profile.deleted", null, null, $"{profile.ClientId}: {profile.Role} ({profile.DisplayName}); taken from {holders.Count} person(s)");
        await db.SaveChangesAsync(cancellationToken);
        await AccessReviewRecords.ForgetWithoutProfilesAsync(db, holders, cancellationToken);
        return new AdminResult<ProfileView>.Done(ProfileView.Of(profile), Reference: reference);
    }

    /// <summary>
    /// How many people hold the profile (only the organization's people when <paramref name="organizationId"/> is
    /// given), for the console's "are you sure?" before a profile is deleted or taken back; null when the caller
    /// may not see the profile or the organization.
    /// </summary>
    public async Task<int?> HolderCountAsync(AdminCaller caller, string id, string? organizationId = null, CancellationToken cancellationToken = default)
    {
        if (organizationId is null ? !caller.Role.IsPlatformStaff() : !caller.CanSee(organizationId))
        {
            return null;
        }

        return await db.UserProfiles.CountAsync(
            a => a.ProfileId == id && (organizationId == null || db.Users.Any(u => u.Id == a.UserId && u.OrganizationId == organizationId)),
            cancellationToken);
    }

    private async Task CheckPortalAndRoleAsync(CheckedProfile profile, string? exceptId, FieldProblems problems, CancellationToken cancellationToken)
    {
        if (profile.ClientId.Length > 0 && !await db.Set<OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.ClientId == profile.ClientId, cancellationToken))
        {
            problems.Add("clientId", $"No portal is registered with the client id '{profile.ClientId}'.");
        }

        if (profile.Role.Length > 0 && await db.SecurityProfiles.AnyAsync(p => p.ClientId == profile.ClientId && p.Role == profile.Role && p.Id != exceptId, cancellationToken))
        {
            problems.Add("role", $"This portal already has a profile with the role '{profile.Role}'.");
        }
    }
}
