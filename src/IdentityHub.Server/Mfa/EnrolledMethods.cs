using IdentityHub.Core.Assurance;
using IdentityHub.Core.Mfa;
using IdentityHub.Data;
using IdentityHub.Data.Mfa;
using IdentityHub.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Mfa;

/// <summary>A user's enrolled second factors.</summary>
public sealed class EnrolledMethods(IdentityHubDbContext db, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time)
{
    // Users whose methods this request has read: they are tracked by the request's context from then on.
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private AssurancePreset Preset => options.CurrentValue.Mfa.Preset;

    /// <summary>
    /// The method last used to sign in first; then the others in the order they were added. Read once per
    /// request: a sign-in's page and its checks each ask, and the context tracks what the first read
    /// returned, with any method added or removed since (here or through the context directly).
    /// </summary>
    public async Task<List<MfaMethod>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var tracked = _read.Contains(userId) ? db.MfaMethods.Local.Where(method => method.UserId == userId).ToList() : [];
        // None tracked: never read, or the context was cleared since; a user without methods is read each time.
        var methods = tracked.Count > 0 ? tracked : await db.MfaMethods.Where(method => method.UserId == userId).ToListAsync(cancellationToken);
        _read.Add(userId);
        return methods
            .OrderByDescending(method => method.LastUsedAt.HasValue)
            .ThenByDescending(method => method.LastUsedAt)
            .ThenBy(method => method.CreatedAt)
            .ToList();
    }

    public Task<MfaMethod?> FindAsync(string userId, string methodId, CancellationToken cancellationToken = default) =>
        db.MfaMethods.FirstOrDefaultAsync(method => method.UserId == userId && method.Id == methodId, cancellationToken);

    /// <summary>Whether the method completes MFA under the configured preset (email does not under Nist).</summary>
    public bool Counts(MfaMethod method) => method.Descriptor().AssuranceUnder(Preset).CountsAsSecondFactor;

    /// <summary>Saves a verified method; <paramref name="usedToSignIn"/> when it is this sign-in's second factor.</summary>
    public async Task<MfaMethod> AddAsync(string userId, MfaMethodKind kind, string destination, bool usedToSignIn = false, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var method = new MfaMethod { UserId = userId, Kind = kind, Destination = destination, CreatedAt = now, LastUsedAt = usedToSignIn ? now : null };
        db.MfaMethods.Add(method);
        await db.SaveChangesAsync(cancellationToken);
        return method;
    }

    /// <summary>Removes a method unless it is the last one that counts as a second factor.</summary>
    public async Task<bool> RemoveAsync(string userId, string methodId, CancellationToken cancellationToken = default)
    {
        var methods = await ListAsync(userId, cancellationToken);
        var method = methods.FirstOrDefault(m => m.Id == methodId);
        if (method is null || (Counts(method) && methods.Count(Counts) == 1))
        {
            return false;
        }

        db.MfaMethods.Remove(method);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
