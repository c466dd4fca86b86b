using IdentityHub.Core.Accounts.LegacyPasswords;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Passwords;

/// <summary>
/// Identity's password hasher, which also reads the hashes an import carried over (A10). Those are
/// stored as <see cref="Marker"/> + the hash as exported, so they can never be taken for Identity's
/// own. A correct password against one answers <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>,
/// and Identity then stores a hash of its own in its place: the legacy hash is gone after the first
/// successful sign-in.
/// </summary>
public sealed class LegacyAwarePasswordHasher(IOptions<PasswordHasherOptions>? options = null) : IPasswordHasher<IdentityHubUser>
{
    public const string Marker = "legacy:";

    private readonly PasswordHasher<IdentityHubUser> _identity = new(options);

    public static bool IsLegacy(string? storedHash) => storedHash?.StartsWith(Marker, StringComparison.Ordinal) == true;

    /// <summary>The stored form of a legacy hash.</summary>
    public static string Mark(string legacyHash) => Marker + legacyHash.Trim();

    /// <summary>The encoding of a stored legacy hash (for the audit log), or null when it is not one.</summary>
    public static string? SchemeOf(string? storedHash) =>
        IsLegacy(storedHash) && LegacyPasswordHash.TryParse(storedHash![Marker.Length..], out var hash, out _) ? hash.Scheme : null;

    public string HashPassword(IdentityHubUser user, string password) => _identity.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(IdentityHubUser user, string hashedPassword, string providedPassword)
    {
        if (!IsLegacy(hashedPassword))
        {
            return _identity.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }

        return LegacyPasswordHash.TryParse(hashedPassword[Marker.Length..], out var legacy, out _) && legacy.Verify(providedPassword)
            ? PasswordVerificationResult.SuccessRehashNeeded
            : PasswordVerificationResult.Failed;
    }
}
