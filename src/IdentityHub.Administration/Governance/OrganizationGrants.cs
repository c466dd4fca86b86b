using IdentityHub.Data;
using IdentityHub.Data.Governance;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Administration.Governance;

/// <summary>
/// Which profiles an organization holds (D4): platform administrators grant and take them back; taking one
/// back takes it from the organization's people too. The organization's administrators read the list.
/// </summary>
public sealed class OrganizationGrants(IdentityHubDbContext db, AdminAudit audit, TimeProvider time)
{
    /// <summary>The profiles the organization holds, or null when the caller may not see the organization.</summary>
    public async Task<IReadOnlyList<ProfileView>?> ListAsync(AdminCaller caller, string organizationId, CancellationToken cancellationToken = default)
    {
        if (!caller.CanSee(organizationId) || !await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
        {
            return null;
        }

        var profiles = await db.SecurityProfiles.AsNoTracking()
            .Where(p => db.OrganizationProfiles.Any(g => g.OrganizationId == organizationId && g.ProfileId == p.Id))
            .OrderBy(p => p.ClientId).ThenBy(p => p.DisplayName)
            .ToListAsync(cancellationToken);
        return [.. profiles.Select(ProfileView.Of)];
    }

    public async Task<AdminResult<ProfileView>> GrantAsync(AdminCaller caller, string organizationId, string profileId, CancellationToken cancellationToken = default)
    {
        if (await CheckAsync(caller, organizationId, profileId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var profile = await db.SecurityProfiles.AsNoTracking().FirstAsync(p => p.Id == profileId, cancellationToken);
        if (await db.OrganizationProfiles.AnyAsync(g => g.OrganizationId == organizationId && g.ProfileId == profileId, cancellationToken))
        {
            return new AdminResult<ProfileView>.Done(ProfileView.Of(profile), Warning: "The organization already holds this profile.");
        }

        db.OrganizationProfiles.Add(new OrganizationProfile { OrganizationId = organizationId, ProfileId = profileId, GrantedAt = time.GetUtcNow(), GrantedBy = caller.UserId });
        var reference = audit.Add(caller, "profile.granted", null, organizationId, $"{profile.ClientId}: {profile.Role} ({profile.DisplayName})");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Granted by someone else at the same moment (or the organization or profile just went).
            db.ChangeTracker.Clear();
            return await db.OrganizationProfiles.AnyAsync(g => g.OrganizationId == organizationId && g.ProfileId == profileId, cancellationToken)
                ? new AdminResult<ProfileView>.Done(ProfileView.Of(profile), Warning: "The organization already holds this profile.")
                : new AdminResult<ProfileView>.NotFound();
        }

        return new AdminResult<ProfileView>.Done(ProfileView.Of(profile), Reference: reference);
    }

    /// <summary>Takes the profile from the organization and from each of its people who hold it.</summary>
    public async Task<AdminResult<ProfileView>> RevokeAsync(AdminCaller caller, string organizationId, string profileId, CancellationToken cancellationToken = default)
    {
        if (await CheckAsync(caller, organizationId, profileId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var profile = await db.SecurityProfiles.AsNoTracking().FirstAsync(p => p.Id == profileId, cancellationToken);
        var grant = await db.OrganizationProfiles.FirstOrDefaultAsync(g => g.OrganizationId == organizationId && g.ProfileId == profileId, cancellationToken);
        if (grant is null)
        {
            return new AdminResult<ProfileView>.NotFound();
        }

        var holders = await db.UserProfiles
            .Where(a => a.ProfileId == profileId && db.Users.Any(u => u.Id == a.UserId && u.OrganizationId == organizationId))
            .ToListAsync(cancellationToken);
        db.OrganizationProfiles.Remove(grant);
        db.UserProfiles.RemoveRange(holders);
        var reference = audit.Add(caller, "profile.grant_revoked", null, organizationId, $"{profile.ClientId}: {profile.Role} ({profile.DisplayName}); taken from {holders.Count} person(s)");
        foreach (var holder in holders)
        {
            audit.Add(caller, "profile.removed", holder.UserId, organizationId, $"{profile.ClientId}: {profile.Role} (the organization no longer holds it)");
        }

        await db.SaveChangesAsync(cancellationToken);
        await AccessReviewRecords.ForgetWithoutProfilesAsync(db, [.. holders.Select(h => h.UserId)], cancellationToken);
        return new AdminResult<ProfileView>.Done(ProfileView.Of(profile), Reference: reference);
    }

    private async Task<AdminResult<ProfileView>?> CheckAsync(AdminCaller caller, string organizationId, string profileId, CancellationToken cancellationToken)
    {
        if (!caller.CanSee(organizationId) || !await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
        {
            return new AdminResult<ProfileView>.NotFound();
        }

        if (!caller.IsPlatformAdministrator)
        {
            return new AdminResult<ProfileView>.Forbidden("Only the plan's platform administrators grant security profiles to organizations.");
        }

        return await db.SecurityProfiles.AnyAsync(p => p.Id == profileId, cancellationToken)
            ? null
            : new AdminResult<ProfileView>.Invalid(new Dictionary<string, string[]> { ["profileId"] = ["There is no security profile with this id."] });
    }
}
