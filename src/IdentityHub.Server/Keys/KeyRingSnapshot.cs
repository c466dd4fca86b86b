using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Keys;

/// <summary>
/// The credentials one node uses right now. <see cref="Signing"/> holds every published key (OpenIddict publishes
/// the asymmetric ones in JWKS and validates with all of them, and re-sorts the list, so its order says nothing);
/// <see cref="Signers"/> names the key that signs now for each of RS256, PS256 and ES256.
/// </summary>
internal sealed record KeyRingSnapshot(
    IReadOnlyList<SigningCredentials> Signing,
    IReadOnlyList<EncryptingCredentials> Encryption,
    IReadOnlyDictionary<string, SigningCredentials> Signers)
{
    public string Fingerprint { get; } = string.Join(',', Signing.Select(c => c.Key.KeyId).Concat(Encryption.Select(c => c.Key.KeyId)));
}
