using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Governance;

/// <summary>An administrator a person can ask for access.</summary>
public sealed record AdministratorContact(string Name, string? Email, string? Phone, bool Primary);

/// <summary>
/// Whom a person asks when they cannot get in (D4, D7): their organization's primary and backup
/// administrators, by name, with how to reach them; none for the plan's own people (they call the help desk).
/// </summary>
public sealed class OrganizationContacts(IdentityHubDbContext db)
{
    public async Task<(string? OrganizationName, IReadOnlyList<AdministratorContact> Administrators)> ForAsync(string userId, CancellationToken cancellationToken = default)
    {
        var organizationId = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.OrganizationId).FirstOrDefaultAsync(cancellationToken);
        if (organizationId is null)
        {
            return (null, []);
        }

        var name = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        var administrators = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == organizationId && u.Id != userId && u.DisabledByAdministratorAt == null
                && (u.AdministrativeRole == AdministrativeRole.PrimaryAdministrator || u.AdministrativeRole == AdministrativeRole.BackupAdministrator))
            .OrderByDescending(u => u.AdministrativeRole).ThenBy(u => u.FamilyName)
            .ToListAsync(cancellationToken);
        return (name, [.. administrators.Select(u => new AdministratorContact(u.DisplayName, u.Email, u.PhoneNumber, u.AdministrativeRole == AdministrativeRole.PrimaryAdministrator))]);
    }
}
