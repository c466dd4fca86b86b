using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace IdentityHub.Core.Accounts.LegacyPasswords;

/// <summary>
/// bcrypt in the modular crypt form <c>$2b$10$</c> + 22 characters of salt + 31 of hash. <c>$2a$</c>,
/// <c>$2b$</c> and <c>$2y$</c> are the same algorithm for every password up to 72 bytes; <c>$2x$</c>
/// marks hashes from a known-buggy implementation and is refused.
/// </summary>
internal sealed partial class BcryptHash : LegacyPasswordHash
{
    private readonly string _encoded;

    private BcryptHash(string encoded, string variant)
    {
        _encoded = encoded;
        Scheme = "bcrypt $" + variant + "$";
    }

    public override string Scheme { get; }

    public static ParseResult Read(string text)
    {
        var match = Shape().Match(text);
        if (!match.Success)
        {
            return ParseResult.Fail("A bcrypt hash looks like $2b$10$ followed by 53 characters of salt and hash.");
        }

        var variant = match.Groups["variant"].Value;
        if (variant is not ("2a" or "2b" or "2y"))
        {
            return ParseResult.Fail($"bcrypt variant ${variant}$ is not supported (only $2a$, $2b$ and $2y$).");
        }

        var cost = int.Parse(match.Groups["cost"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return cost is < 4 or > MaxBcryptCost
            ? ParseResult.Fail($"The bcrypt cost {cost} is outside 4 to {MaxBcryptCost}.")
            : ParseResult.Ok(new BcryptHash(text, variant));
    }

    public override bool Verify(string password)
    {
        // Re-hash with the stored salt and cost, then compare every byte, whatever the first difference.
        var computed = BCrypt.Net.BCrypt.HashPassword(password, _encoded);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(_encoded));
    }

    [GeneratedRegex(@"^\$(?<variant>2[a-z]?)\$(?<cost>[0-9]{2})\$[./A-Za-z0-9]{53}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
