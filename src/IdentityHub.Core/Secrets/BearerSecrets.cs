using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace IdentityHub.Core.Secrets;

/// <summary>
/// Random secrets a browser or a link carries (a remembered device's token, an invitation link, a session
/// id), and the hash stored in their place when the table must not be usable to impersonate anyone.
/// </summary>
public static class BearerSecrets
{
    /// <summary>A new random secret of <paramref name="bytes"/> bytes, base64url without padding.</summary>
    public static string New(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>The SHA-256 of the secret, upper-case hex: what is stored and looked up.</summary>
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
