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
    private AssurancePreset Preset => options.CurrentValue.Mfa.Preset;

    /// <summary>The method last used to sign in first; then the others in the order they were added.</summary>
    public async Task<List<MfaMethod>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var methods = await db.MfaMethods.Where(method => method.UserId == userId).ToListAsync(cancellationToken);
        return methods
            .OrderByDescending(method => method.LastUsedAt.HasValue)
            .ThenByDescending(method => method.LastUsedAt)
            .ThenBy(method => method.CreatedAt)
            .ToList();
    }

    public Task<MfaMethod?> FindAsync(string userId, string methodId, CancellationToken cancellationToken = default) =>
        db.MfaMethods.FirstOrDefaultAsync(method => method.UserId == userId && method.Id == methodId, cancellationToken);

    /// <summary>Whether the method completes MFA under the configured preset (email does not under Nist).</summary>
    public bool Counts(MfaMethod method) => AssurancePolicy.For(method.Kind, Preset).CountsAsSecondFactor;

    /// <summary>Saves a verified method; <paramref name="usedToSignIn"/> when it is this sign-in's second factor.</summary>
    public async Task<MfaMethod> AddAsync(string userId, MfaMethodKind kind, string destination, bool usedToSignIn = false, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var method = new MfaMethod { UserId = userId, Kind = kind, Destination = destination, CreatedAt = now, LastUsedAt = usedToSignIn ? now : null };
        db.MfaMethods.Add(method);
        await db.SaveChangesAsync(cancellationToken);
        return method;
    }

    public async Task MarkUsedAsync(MfaMethod method, CancellationToken cancellationToken = default)
    {
        method.LastUsedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
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
