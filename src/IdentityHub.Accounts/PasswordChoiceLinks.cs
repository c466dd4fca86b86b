using IdentityHub.Core.Secrets;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Accounts;

/// <summary>
/// The single-use link an administrator's password reset sends (D6): the admin host issues it, the token
/// server's page opens and uses it. Only the SHA-256 hash of its secret is kept, on the user's record, with
/// its expiry; a newer link replaces the older, and choosing a password uses it up.
/// </summary>
public sealed class PasswordChoiceLinks(IdentityHubDbContext db, TimeProvider time)
{
    /// <summary>Longer than any secret this issues: anything longer is not looked up.</summary>
    private const int MaxSecretLength = 100;

    /// <summary>Gives the user a new link's secret, valid for <paramref name="lifetime"/>; the caller saves the record and mails the link.</summary>
    public string Issue(IdentityHubUser user, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(user);
        var secret = BearerSecrets.New();
        user.PasswordChoiceHash = BearerSecrets.Hash(secret);
        user.PasswordChoiceExpiresAt = time.GetUtcNow() + lifetime;
        return secret;
    }

    /// <summary>The user (tracked) whose link this is, if it still works: not unknown, used, replaced or expired.</summary>
    public async Task<IdentityHubUser?> FindUsableAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > MaxSecretLength)
        {
            return null;
        }

        var hash = BearerSecrets.Hash(secret.Trim());
        var user = await db.Users.FirstOrDefaultAsync(u => u.PasswordChoiceHash == hash, cancellationToken);
        return user is not null && user.PasswordChoiceExpiresAt > time.GetUtcNow() ? user : null;
    }

    /// <summary>Uses the link up; saved with the new password.</summary>
    public static void UseUp(IdentityHubUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.PasswordChoiceHash = null;
        user.PasswordChoiceExpiresAt = null;
    }
}
