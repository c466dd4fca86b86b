using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Administration;

/// <summary>Reads the caller's role and organization from the user record, on every request.</summary>
public sealed class AdminCallers(IdentityHubDbContext db)
{
    /// <summary>The caller, or null when the user does not exist, is turned off, or administers nothing.</summary>
    public async Task<AdminCaller?> FindAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return null;
        }

        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.DisabledByAdministratorAt == null && u.DisabledForInactivityAt == null)
            .Select(u => new { u.Id, u.AdministrativeRole, u.OrganizationId })
            .FirstOrDefaultAsync(cancellationToken);
        var caller = user is null ? null : new AdminCaller(user.Id, user.AdministrativeRole, user.OrganizationId);
        return caller is { IsAdministrator: true } ? caller : null;
    }
}
