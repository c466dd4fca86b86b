using System.Security.Cryptography;

namespace IdentityHub.Core.Audit;

/// <summary>
/// The short reference number of an audit event (four characters, a dash, four more: "4F7K-9QXM"), which
/// pages show and the help desk looks up.
/// </summary>
public static class AuditReferences
{
    // Crockford's base32 without look-alikes (no I, L, O, U): easy to read out on the phone.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New() =>
        string.Create(9, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = i == 4 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
}
