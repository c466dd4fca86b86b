using IdentityHub.Core.Clients;

namespace IdentityHub.Administration.Clients;

/// <summary>A client's registration once <see cref="ClientMetadataRules"/> accepted it: normalized, every default applied.</summary>
public sealed record ClientDefinition
{
    public required string DisplayName { get; init; }

    /// <summary>One of <see cref="ClientAuthMethods"/>; <c>none</c> is a public client.</summary>
    public required string AuthMethod { get; init; }

    public bool Confidential => AuthMethod != ClientAuthMethods.None;

    public required IReadOnlyList<string> GrantTypes { get; init; }

    public IReadOnlyList<Uri> RedirectUris { get; init; } = [];

    public IReadOnlyList<Uri> PostLogoutRedirectUris { get; init; } = [];

    /// <summary>The scopes the client may ask for (standard and API scopes; <c>openid</c> is always allowed).</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    public bool ConsentRequired { get; init; }

    public bool RequirePushedAuthorization { get; init; }

    public string ApplicationType { get; init; } = "web";

    public TimeSpan? AccessTokenLifetime { get; init; }

    public TimeSpan? RefreshTokenLifetime { get; init; }

    /// <summary>The client's public keys for <c>private_key_jwt</c> as JWK Set JSON, when registered inline.</summary>
    public string? JsonWebKeySet { get; init; }

    public ClientSettings Settings { get; init; } = ClientSettings.Default;
}

/// <summary>How a client authenticates at the token endpoint (RFC 7591 <c>token_endpoint_auth_method</c>).</summary>
public static class ClientAuthMethods
{
    public const string None = "none";
    public const string SecretBasic = "client_secret_basic";
    public const string SecretPost = "client_secret_post";
    public const string PrivateKeyJwt = "private_key_jwt";

    public static readonly IReadOnlyList<string> All = [SecretBasic, SecretPost, PrivateKeyJwt, None];

    public static bool UsesSecret(string method) => method is SecretBasic or SecretPost;
}

/// <summary>What a client id can look like: 1 to 100 printable ASCII characters, no spaces.</summary>
public static class ClientIds
{
    public static bool IsPlausible(string? clientId) =>
        clientId is { Length: > 0 and <= 100 } && clientId.All(c => c > ' ' && c < 127);
}
