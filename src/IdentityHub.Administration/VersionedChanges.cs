using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Administration;

/// <summary>
/// Saves a change to a versioned record: when another request saved it first, the answer is "stale" with the
/// version it has now (the API's 412), or "not found" when it is gone.
/// </summary>
internal static class VersionedChanges
{
    public static async Task<AdminResult<T>> SaveAsync<T>(
        IdentityHubDbContext db, Func<AdminResult<T>> done, Func<CancellationToken, Task<string?>> currentVersion, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return done();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await currentVersion(cancellationToken) is { } current ? new AdminResult<T>.Stale(current) : new AdminResult<T>.NotFound();
        }
    }
}
