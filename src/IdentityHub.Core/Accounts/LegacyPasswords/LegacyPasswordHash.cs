using System.Diagnostics.CodeAnalysis;

namespace IdentityHub.Core.Accounts.LegacyPasswords;

/// <summary>
/// A password hash carried over from another system by a user import (A10), read from its text form
/// and able to check a typed password against it. Accepted encodings (docs/accounts.md lists them with
/// examples): bcrypt (<c>$2a$</c>, <c>$2b$</c>, <c>$2y$</c>); PBKDF2 as Django, passlib and Werkzeug write
/// it; salted SHA as LDAP writes it (<c>{SSHA256}</c>, <c>{SSHA512}</c>, <c>{SSHA}</c>) and
/// <c>sha256$salt$hexdigest</c>; ASP.NET Identity v2 and v3. Anything else is refused with a reason.
/// </summary>
public abstract class LegacyPasswordHash
{
    /// <summary>Most PBKDF2 iterations accepted: above today's Django default, far below a denial of service.</summary>
    public const int MaxIterations = 3_000_000;

    /// <summary>Highest bcrypt cost accepted (2^15 rounds, a few seconds per check).</summary>
    public const int MaxBcryptCost = 15;

    /// <summary>Longest hash text accepted.</summary>
    public const int MaxLength = 1024;

    /// <summary>Short name of the encoding for summaries and the audit log, e.g. <c>pbkdf2-sha256 (Django)</c>.</summary>
    public abstract string Scheme { get; }

    /// <summary>Whether <paramref name="password"/> (as UTF-8) is the password hashed; compared in constant time.</summary>
    public abstract bool Verify(string password);

    /// <summary>
    /// Reads <paramref name="encoded"/>; on failure <paramref name="problem"/> says why in a plain sentence
    /// (unknown format, unsupported variant, malformed part, iteration count too high).
    /// </summary>
    public static bool TryParse(string? encoded, [NotNullWhen(true)] out LegacyPasswordHash? hash, [NotNullWhen(false)] out string? problem)
    {
        hash = null;
        var text = encoded?.Trim() ?? "";
        problem = text.Length switch
        {
            0 => "The password hash is empty.",
            > MaxLength => $"The password hash is longer than {MaxLength} characters.",
            _ => null,
        };
        if (problem is not null)
        {
            return false;
        }

        var result = Read(text);
        hash = result.Hash;
        problem = result.Problem;
        return hash is not null;
    }

    private static ParseResult Read(string text) => text switch
    {
        _ when text.StartsWith("$2", StringComparison.Ordinal) => BcryptHash.Read(text),
        _ when text.StartsWith("pbkdf2_", StringComparison.Ordinal) => Pbkdf2Hash.ReadDjango(text),
        _ when text.StartsWith("$pbkdf2", StringComparison.Ordinal) => Pbkdf2Hash.ReadPasslib(text),
        _ when text.StartsWith("pbkdf2:", StringComparison.Ordinal) => Pbkdf2Hash.ReadWerkzeug(text),
        _ when text.StartsWith("{SSHA", StringComparison.OrdinalIgnoreCase) => SaltedShaHash.ReadLdap(text),
        _ when text.StartsWith("sha256$", StringComparison.Ordinal) => SaltedShaHash.ReadSaltFirst(text),
        _ when Refused(text) is { } reason => ParseResult.Fail(reason),
        _ => AspNetIdentityHash.Read(text) ?? ParseResult.Fail(UnknownFormat),
    };

    internal const string UnknownFormat =
        "Unknown password hash format. Accepted: bcrypt ($2a$, $2b$, $2y$), PBKDF2 (Django pbkdf2_sha256$, passlib $pbkdf2-sha256$, Werkzeug pbkdf2:sha256:), "
        + "salted SHA ({SSHA256}, {SSHA512}, {SSHA}, sha256$salt$hex) and ASP.NET Identity v2/v3.";

    // Formats people will recognise, refused with a reason rather than "unknown".
    private static string? Refused(string text) => text switch
    {
        _ when text.StartsWith("$argon2", StringComparison.Ordinal) => "Argon2 hashes are not supported yet.",
        _ when text.StartsWith("$5$", StringComparison.Ordinal) || text.StartsWith("$6$", StringComparison.Ordinal) => "SHA-crypt ($5$, $6$) hashes are not supported.",
        _ when text.StartsWith("$1$", StringComparison.Ordinal) || text.StartsWith("md5$", StringComparison.Ordinal) || text.StartsWith("{MD5}", StringComparison.OrdinalIgnoreCase) => "MD5-based hashes are too weak to carry over; those users need a password reset.",
        _ when text.StartsWith("{SHA", StringComparison.OrdinalIgnoreCase) || text.StartsWith("sha1$", StringComparison.Ordinal) => "Unsalted or SHA-1 text hashes are too weak to carry over; those users need a password reset.",
        _ when text.Length is 40 or 64 or 128 && text.All(Uri.IsHexDigit) => "An unsalted hex digest is too weak to carry over; those users need a password reset.",
        _ => null,
    };
}

/// <summary>A parsed hash, or why there is none.</summary>
internal readonly record struct ParseResult(LegacyPasswordHash? Hash, string? Problem)
{
    public static ParseResult Ok(LegacyPasswordHash hash) => new(hash, null);

    public static ParseResult Fail(string problem) => new(null, problem);
}
