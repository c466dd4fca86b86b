using System.Security.Cryptography;
using System.Text;
using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Accounts;

/// <summary>
/// The wrong passwords counted per username and network (A3, decision 0012), forgotten after a password
/// reset or an unlock so that every network starts again. The token server counts them in its rate-limit
/// store (the database, or Redis) and registers its own; the default forgets them in the database table.
/// </summary>
public interface ISignInFailures
{
    Task ForgetAsync(string userName, CancellationToken cancellationToken);
}

/// <summary>Rate-limit partition keys, and the policy the wrong-password counters are kept under.</summary>
public static class RateLimitKeys
{
    public const string WrongPasswords = "wrong-password/account";

    /// <summary>
    /// A rate-limit partition key: a SHA-256 of each part (lower-cased), so the table holds no address,
    /// username or email, and all of one account's keys share a prefix.
    /// </summary>
    public static string Key(params string[] parts) => string.Join(':', parts.Select(Hash));

    /// <summary>What every one of a username's keys starts with.</summary>
    public static string PrefixOf(string userName) => Key(userName) + ":";

    private static string Hash(string part) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(part.Trim().ToLowerInvariant())))[..32];
}

/// <summary>Forgets the counters in the <c>RateLimitCounters</c> table (the default store).</summary>
public sealed class DatabaseSignInFailures(IdentityHubDbContext db) : ISignInFailures
{
    public Task ForgetAsync(string userName, CancellationToken cancellationToken)
    {
        var prefix = RateLimitKeys.PrefixOf(userName);
        return db.RateLimitCounters.Where(c => c.Policy == RateLimitKeys.WrongPasswords && c.PartitionKey.StartsWith(prefix))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
