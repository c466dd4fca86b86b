using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Accounts;

/// <summary>Forgets "remember this device" (M7): one device, or every device of a user.</summary>
public sealed class RememberedDeviceRevocations(IdentityHubDbContext db, TimeProvider time)
{
    /// <summary>Revokes one device, or all of the user's devices when <paramref name="deviceId"/> is null; returns how many.</summary>
    /// <remarks>
    /// One UPDATE statement, outside the change tracker: requests revoking at the same time (sign out
    /// everywhere from two tabs) each succeed, and changes the request has not saved yet are not saved with it.
    /// </remarks>
    public Task<int> RevokeAsync(string userId, string? deviceId = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return db.RememberedDevices
            .Where(d => d.UserId == userId && d.RevokedAt == null && (deviceId == null || d.Id == deviceId))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.RevokedAt, now), cancellationToken);
    }
}
