using IdentityHub.Data;
using IdentityHub.Data.Accounts;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace IdentityHub.Server.Passwords;

/// <summary>
/// Identity's EF Core user store, keeping a history of former password hashes (A2) and when the
/// password last changed (expiry) on every path that sets one: create, change, reset, and the first
/// sign-in of an imported user, whose password's age counts from there (its age elsewhere is unknown).
/// </summary>
public sealed class IdentityHubUserStore(IdentityHubDbContext db, TimeProvider time, IdentityErrorDescriber? describer = null)
    : UserStore<IdentityHubUser, IdentityRole, IdentityHubDbContext, string>(db, describer)
{
    /// <summary>Stamps the creation time (the inactivity rule counts from it until the first sign-in).</summary>
    public override Task<IdentityResult> CreateAsync(IdentityHubUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.CreatedAt == default)
        {
            user.CreatedAt = time.GetUtcNow();
        }

        return base.CreateAsync(user, cancellationToken);
    }

    public override async Task SetPasswordHashAsync(IdentityHubUser user, string? passwordHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        // An imported legacy hash is discarded when replaced, never kept as history (A10): the first
        // sign-in re-hashes the same password, and a weak legacy encoding should not outlive it.
        if (user.PasswordHash is { } previous && previous != passwordHash && !LegacyAwarePasswordHasher.IsLegacy(previous))
        {
            Context.PasswordHistory.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = previous, ChangedAt = time.GetUtcNow() });
        }

        if (passwordHash is not null)
        {
            user.PasswordChangedAt = time.GetUtcNow();
        }

        await base.SetPasswordHashAsync(user, passwordHash, cancellationToken);
    }
}
