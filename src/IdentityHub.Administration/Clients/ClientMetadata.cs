using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdentityHub.Administration.Clients;

/// <summary>
/// A client's registration as an integrator writes it: the metadata of RFC 7591 §2 and OpenID Connect Dynamic
/// Client Registration 1.0, the logout (Back- and Front-Channel Logout 1.0), PAR (RFC 9126) and DPoP (RFC 9449)
/// fields, and IdentityHub's own policy fields. The admin API and dynamic registration take the same JSON, and
/// <see cref="ClientMetadataRules"/> checks both the same way.
/// </summary>
public sealed record ClientMetadata
{
    [JsonPropertyName("client_name")]
    public string? ClientName { get; init; }

    [JsonPropertyName("redirect_uris")]
    public IReadOnlyList<string>? RedirectUris { get; init; }

    [JsonPropertyName("post_logout_redirect_uris")]
    public IReadOnlyList<string>? PostLogoutRedirectUris { get; init; }

    /// <summary><c>authorization_code</c> (default), <c>refresh_token</c>, <c>client_credentials</c>.</summary>
    [JsonPropertyName("grant_types")]
    public IReadOnlyList<string>? GrantTypes { get; init; }

    /// <summary><c>code</c> only (the default).</summary>
    [JsonPropertyName("response_types")]
    public IReadOnlyList<string>? ResponseTypes { get; init; }

    /// <summary><c>client_secret_basic</c> (default), <c>client_secret_post</c>, <c>private_key_jwt</c>, or <c>none</c> for a public client.</summary>
    [JsonPropertyName("token_endpoint_auth_method")]
    public string? TokenEndpointAuthMethod { get; init; }

    /// <summary><c>web</c> (default) or <c>native</c> (RFC 8252: custom schemes and loopback redirects).</summary>
    [JsonPropertyName("application_type")]
    public string? ApplicationType { get; init; }

    /// <summary>Space-separated scopes the client may ask for; default <c>openid profile email phone offline_access</c>.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("client_uri")]
    public string? ClientUri { get; init; }

    [JsonPropertyName("logo_uri")]
    public string? LogoUri { get; init; }

    /// <summary>Who makes the app, shown on the consent page (an IdentityHub extension; decision 0042).</summary>
    [JsonPropertyName("publisher")]
    public string? Publisher { get; init; }

    /// <summary>How the client's ID tokens are signed (OpenID Connect Registration): <c>RS256</c> (default), <c>PS256</c> or <c>ES256</c>.</summary>
    [JsonPropertyName("id_token_signed_response_alg")]
    public string? IdTokenSignedResponseAlg { get; init; }

    [JsonPropertyName("jwks_uri")]
    public string? JwksUri { get; init; }

    /// <summary>The client's public keys for <c>private_key_jwt</c>, inline (a JWK Set).</summary>
    [JsonPropertyName("jwks")]
    public JsonElement? Jwks { get; init; }

    [JsonPropertyName("backchannel_logout_uri")]
    public string? BackChannelLogoutUri { get; init; }

    [JsonPropertyName("backchannel_logout_session_required")]
    public bool? BackChannelLogoutSessionRequired { get; init; }

    [JsonPropertyName("frontchannel_logout_uri")]
    public string? FrontChannelLogoutUri { get; init; }

    [JsonPropertyName("frontchannel_logout_session_required")]
    public bool? FrontChannelLogoutSessionRequired { get; init; }

    [JsonPropertyName("require_pushed_authorization_requests")]
    public bool? RequirePushedAuthorizationRequests { get; init; }

    [JsonPropertyName("dpop_bound_access_tokens")]
    public bool? DPoPBoundAccessTokens { get; init; }

    /// <summary>The assurance level every sign-in must reach: one of <c>acr_values_supported</c> (or <c>aal2</c>, <c>aal3</c>).</summary>
    [JsonPropertyName("default_acr_values")]
    public IReadOnlyList<string>? DefaultAcrValues { get; init; }

    /// <summary>Seconds after which a sign-in is too old for this client and the password is asked again.</summary>
    [JsonPropertyName("default_max_age")]
    public int? DefaultMaxAge { get; init; }

    /// <summary>IdentityHub: browser origins allowed to call the token and discovery endpoints from script.</summary>
    [JsonPropertyName("allowed_cors_origins")]
    public IReadOnlyList<string>? AllowedCorsOrigins { get; init; }

    /// <summary>IdentityHub: whether the person is asked to consent (third-party apps); default false for the admin API.</summary>
    [JsonPropertyName("consent_required")]
    public bool? ConsentRequired { get; init; }

    /// <summary>IdentityHub: access-token lifetime in seconds.</summary>
    [JsonPropertyName("access_token_lifetime")]
    public int? AccessTokenLifetime { get; init; }

    /// <summary>IdentityHub: seconds an unused refresh token stays valid.</summary>
    [JsonPropertyName("refresh_token_lifetime")]
    public int? RefreshTokenLifetime { get; init; }

    /// <summary>IdentityHub: seconds a chain of refresh tokens lasts at most from the sign-in.</summary>
    [JsonPropertyName("refresh_token_absolute_lifetime")]
    public int? RefreshTokenAbsoluteLifetime { get; init; }

    [JsonPropertyName("allow_remember_device")]
    public bool? AllowRememberDevice { get; init; }

    [JsonPropertyName("allow_passkey_sign_in")]
    public bool? AllowPasskeySignIn { get; init; }

    /// <summary>
    /// IdentityHub: whether members may create their own account from this client's sign-in page (A15). Set by the
    /// plan's administrators only: dynamic registration clears it (decision 0041).
    /// </summary>
    [JsonPropertyName("allow_self_registration")]
    public bool? AllowSelfRegistration { get; init; }

    [JsonPropertyName("help_desk_phone")]
    public string? HelpDeskPhone { get; init; }
}
