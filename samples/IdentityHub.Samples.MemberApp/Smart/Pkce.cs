using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityHub.Samples.MemberApp.Smart;

/// <summary>
/// Proof Key for Code Exchange (RFC 7636) with S256: the app keeps a random verifier and sends only its SHA-256 hash
/// (the challenge) with the authorization request; at the token endpoint it shows the verifier. Someone who stole
/// the code on its way back cannot redeem it without the verifier, which never left this app.
/// </summary>
public static class Pkce
{
    /// <summary>32 random bytes, base64url: 43 characters, the shortest verifier RFC 7636 allows.</summary>
    public static string NewVerifier() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string ChallengeOf(string verifier) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>A random value for <c>state</c> and for the app's session key.</summary>
    public static string NewRandomValue() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
}
