using System.Security.Cryptography;

namespace IdentityHub.Core.Accounts;

/// <summary>
/// Passwords the server makes (the demo user's, an administrator's temporary password): four groups
/// of five letters and digits joined by hyphens, about 110 bits, easy to read aloud and type, and
/// with upper and lower case, a digit and a special character, so that every preset accepts them.
/// </summary>
public static class GeneratedPasswords
{
    // No 0/O, 1/l/I: a person may have to copy it from a screen or hear it on the phone.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";

    public static string New()
    {
        while (true)
        {
            var password = string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 5)));
            if (password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiLetterLower) && password.Any(char.IsAsciiDigit))
            {
                return password;
            }
        }
    }
}
