using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace IdentityHub.Server.Connect.Clients;

/// <summary>
/// Client secrets this node has verified recently. OpenIddict stores a secret as PBKDF2 (10,000
/// iterations of HMAC-SHA256), which on one core costs more than signing the token the client asked
/// for; a portal's back end authenticates on every call, so each successful check is remembered for
/// <see cref="Lifetime"/> and later calls with the same secret skip the key derivation.
/// </summary>
/// <remarks>
/// Only successes are remembered, as a SHA-256 of the stored hash and the secret, never the secret:
/// a wrong secret always pays the full PBKDF2 price, so guessing is no faster. A rotated secret has a
/// new stored hash, so the old secret's entry stops matching at once.
/// </remarks>
public sealed class VerifiedClientSecrets(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // Clients are few; the bound only stops a flood of distinct secrets from growing memory.
    private const int MaximumEntries = 1024;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new(StringComparer.Ordinal);

    public bool IsKnown(string secret, string storedHash)
    {
        var key = Key(secret, storedHash);
        if (_verified.TryGetValue(key, out var expires) && expires > time.GetUtcNow())
        {
            return true;
        }

        _verified.TryRemove(key, out _);
        return false;
    }

    public void Remember(string secret, string storedHash)
    {
        if (_verified.Count >= MaximumEntries)
        {
            _verified.Clear();
        }

        _verified[Key(secret, storedHash)] = time.GetUtcNow() + Lifetime;
    }

    private static string Key(string secret, string storedHash) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(storedHash + "\n" + secret)));
}
