using IdentityHub.Data;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// Checks a password against a throwaway hash made with the configured hasher, so that an unknown
/// username costs as much time as a wrong password.
/// </summary>
internal static class TimingDecoy
{
    private static string? s_hash;

    public static void Verify(IPasswordHasher<IdentityHubUser> hasher, string password)
    {
        var decoy = new IdentityHubUser();
        var hash = s_hash ??= hasher.HashPassword(decoy, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(decoy, hash, password);
    }

    /// <summary>
    /// The database work a wrong password costs a known user, aimed at the typed name: Identity's
    /// update of the failure count looks the name up (its uniqueness check) and then writes the row.
    /// For an unknown username both find nothing, but the round trips and index lookups are the same,
    /// so the two answers cost the same.
    /// </summary>
    public static async Task CountFailureAsync(UserManager<IdentityHubUser> users, IdentityHubDbContext db, string userName, CancellationToken cancellationToken)
    {
        var normalized = users.NormalizeName(userName);
        await users.FindByNameAsync(userName);
        await db.Users.Where(user => user.NormalizedUserName == normalized)
            .ExecuteUpdateAsync(update => update.SetProperty(user => user.AccessFailedCount, user => user.AccessFailedCount + 1), cancellationToken);
    }
}
