namespace IdentityHub.Server.Connect.Clients;

/// <summary>
/// The signature algorithms a <c>private_key_jwt</c> assertion may use: the registration rules accept RSA and EC keys
/// only (ClientMetadataRules), and OpenIddict verifies an assertion with the client's key by the algorithms that key
/// type supports. Advertised where clients look for them (<c>token_endpoint_auth_signing_alg_values_supported</c>).
/// </summary>
public static class ClientAssertionAlgorithms
{
    public static readonly IReadOnlyList<string> Supported = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];
}
