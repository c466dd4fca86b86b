using System.Security.Cryptography;
using System.Text;

namespace IdentityHub.Core.Accounts.LegacyPasswords;

/// <summary>
/// One round of a salted SHA-2 (or SHA-1) digest, in two documented shapes:
/// <list type="bullet">
/// <item>LDAP (OpenLDAP, 389 Directory Server): <c>{SSHA256}</c> + base64(digest + salt) where
/// digest = SHA-256(password + salt); likewise <c>{SSHA512}</c> and <c>{SSHA}</c> (SHA-1). The salt is
/// whatever follows the digest (at least 4 bytes).</item>
/// <item><c>sha256$salt$hexdigest</c> where hexdigest = hex(SHA-256(salt + password)), salt and password as
/// UTF-8: the salt comes first, as in Django's old <c>sha1$salt$hex</c> form.</item>
/// </list>
/// One round is fast to attack; these hashes are replaced at the user's first sign-in.
/// </summary>
internal sealed class SaltedShaHash : LegacyPasswordHash
{
    private readonly HashAlgorithmName _algorithm;
    private readonly byte[] _salt;
    private readonly byte[] _expected;
    private readonly bool _saltFirst;

    private SaltedShaHash(string scheme, HashAlgorithmName algorithm, byte[] salt, byte[] expected, bool saltFirst)
    {
        Scheme = scheme;
        _algorithm = algorithm;
        _salt = salt;
        _expected = expected;
        _saltFirst = saltFirst;
    }

    public override string Scheme { get; }

    public override bool Verify(string password)
    {
        var secret = Encoding.UTF8.GetBytes(password);
        var input = _saltFirst ? [.. _salt, .. secret] : (byte[])[.. secret, .. _salt];
        var actual = CryptographicOperations.HashData(_algorithm, input);
        return CryptographicOperations.FixedTimeEquals(actual, _expected);
    }

    public static ParseResult ReadLdap(string text)
    {
        var close = text.IndexOf('}', StringComparison.Ordinal);
        var (algorithm, size) = (close < 0 ? "" : text[1..close].ToUpperInvariant()) switch
        {
            "SSHA" => (HashAlgorithmName.SHA1, 20),
            "SSHA256" => (HashAlgorithmName.SHA256, 32),
            "SSHA512" => (HashAlgorithmName.SHA512, 64),
            _ => (default(HashAlgorithmName), 0),
        };
        if (size == 0)
        {
            return ParseResult.Fail("Unknown LDAP scheme ({SSHA256}, {SSHA512} and {SSHA} are accepted).");
        }

        var bytes = Pbkdf2Hash.Base64(text[(close + 1)..]);
        if (bytes is null || bytes.Length < size + 4 || bytes.Length > size + 64)
        {
            return ParseResult.Fail($"An LDAP {text[..(close + 1)]} value is base64 of the {size}-byte digest followed by a salt of 4 to 64 bytes.");
        }

        return ParseResult.Ok(new SaltedShaHash(text[1..close].ToLowerInvariant() + " (LDAP)", algorithm, bytes[size..], bytes[..size], saltFirst: false));
    }

    public static ParseResult ReadSaltFirst(string text)
    {
        var parts = text.Split('$');
        if (parts.Length != 3 || parts[1].Length == 0 || parts[2].Length != 64 || Pbkdf2Hash.Hex(parts[2]) is not { } digest)
        {
            return ParseResult.Fail("A salted SHA-256 hash looks like sha256$salt$ followed by 64 hexadecimal digits.");
        }

        return ParseResult.Ok(new SaltedShaHash("sha256 (salt first)", HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(parts[1]), digest, saltFirst: true));
    }
}
