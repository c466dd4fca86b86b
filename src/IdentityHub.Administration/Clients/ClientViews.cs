using System.Text.Json.Serialization;

namespace IdentityHub.Administration.Clients;

/// <summary>A registered client in a list.</summary>
public sealed record ClientSummary(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_name")] string ClientName,
    [property: JsonPropertyName("token_endpoint_auth_method")] string AuthMethod,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string> GrantTypes,
    [property: JsonPropertyName("registered_by")] string RegisteredBy);

/// <summary>
/// A registered client: its id, its version (the ETag for changes), how it was registered, and its metadata.
/// <see cref="ClientSecret"/> is set only in the answer that created or rotated it: the server keeps a hash.
/// </summary>
public sealed record ClientView(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("registered_by")] string RegisteredBy,
    [property: JsonPropertyName("metadata")] ClientMetadata Metadata)
{
    [JsonPropertyName("client_secret")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientSecret { get; init; }

    /// <summary>Until when the secret rotated out still works, when one does.</summary>
    [JsonPropertyName("previous_secret_expires_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
}

/// <summary>How a client came to be registered.</summary>
public static class ClientOrigins
{
    public const string Configuration = "configuration";
    public const string Administrator = "administrator";
    public const string Dynamic = "dynamic";
}
