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
    /// The write a wrong password costs a known user (Identity's failure count, one UPDATE of the user's
    /// row), aimed at the typed name: for an unknown username it finds no row, but the round trip and
    /// the index lookup are the same, so the two answers cost the same database work.
    /// </summary>
    public static Task CountFailureAsync(IdentityHubDbContext db, string normalizedUserName, CancellationToken cancellationToken) =>
        db.Users.Where(user => user.NormalizedUserName == normalizedUserName)
            .ExecuteUpdateAsync(update => update.SetProperty(user => user.AccessFailedCount, user => user.AccessFailedCount + 1), cancellationToken);
}
