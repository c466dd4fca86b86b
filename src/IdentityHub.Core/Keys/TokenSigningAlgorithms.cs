namespace IdentityHub.Core.Keys;

/// <summary>
/// The algorithms a client may choose for its ID tokens and an API for its access tokens (decision 0043), each
/// with its own rotating key. RS256 is the default: every relying party and API library accepts it.
/// </summary>
public static class TokenSigningAlgorithms
{
    public const string RS256 = "RS256";
    public const string PS256 = "PS256";
    public const string ES256 = "ES256";

    public const string Default = RS256;

    /// <summary>Every algorithm offered, the default first (as discovery lists them).</summary>
    public static readonly IReadOnlyList<string> All = [RS256, PS256, ES256];

    /// <summary>The key uses that sign tokens others check, in the order of <see cref="All"/>.</summary>
    public static readonly IReadOnlyList<KeyUse> KeyUses = [KeyUse.Signing, KeyUse.SigningPs256, KeyUse.SigningEs256];

    /// <summary>Whether <paramref name="algorithm"/> is one of <see cref="All"/> (exact, case-sensitive as JOSE names are).</summary>
    public static bool IsSupported(string? algorithm) => algorithm is RS256 or PS256 or ES256;

    /// <summary>The key use whose active key signs with <paramref name="algorithm"/>.</summary>
    public static KeyUse KeyUseOf(string algorithm) => algorithm switch
    {
        RS256 => KeyUse.Signing,
        PS256 => KeyUse.SigningPs256,
        ES256 => KeyUse.SigningEs256,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a token signing algorithm."),
    };

    /// <summary>The algorithm a signing key use signs with, or null for a key that never leaves the server.</summary>
    public static string? AlgorithmOf(KeyUse use) => use switch
    {
        KeyUse.Signing => RS256,
        KeyUse.SigningPs256 => PS256,
        KeyUse.SigningEs256 => ES256,
        _ => null,
    };

    /// <summary>"RS256, PS256, ES256", for messages.</summary>
    public static string Listed => string.Join(", ", All);
}
