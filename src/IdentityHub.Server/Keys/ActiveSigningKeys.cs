using IdentityHub.Core.Keys;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Keys;

/// <summary>
/// The key that signs now for each algorithm others check (RS256, PS256, ES256), read from the key ring rather than
/// from OpenIddict's signing credentials, whose order OpenIddict does not keep.
/// </summary>
public sealed class ActiveSigningKeys
{
    private readonly KeyRing _ring;

    internal ActiveSigningKeys(KeyRing ring) => _ring = ring;

    /// <summary>The active credentials for <paramref name="algorithm"/>; RS256's for anything not in <see cref="TokenSigningAlgorithms.All"/>.</summary>
    public SigningCredentials For(string? algorithm)
    {
        var signers = _ring.Current.Signers;
        return algorithm is not null && signers.TryGetValue(algorithm, out var credentials)
            ? credentials
            : signers[TokenSigningAlgorithms.Default];
    }
}
