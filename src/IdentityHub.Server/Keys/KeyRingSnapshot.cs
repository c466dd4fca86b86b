using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Keys;

/// <summary>
/// The credentials one node uses right now. Order matters: OpenIddict signs and encrypts with the
/// first entry of each list and publishes every signing key in JWKS.
/// </summary>
internal sealed record KeyRingSnapshot(
    IReadOnlyList<SigningCredentials> Signing,
    IReadOnlyList<EncryptingCredentials> Encryption)
{
    public string Fingerprint { get; } = string.Join(',', Signing.Select(c => c.Key.KeyId).Concat(Encryption.Select(c => c.Key.KeyId)));
}
