using System.Text.Json.Serialization;

namespace IdentityHub.Samples.MemberApp.Smart;

/// <summary>
/// The token endpoint's answer. Besides the OAuth fields, SMART adds <c>patient</c>: the id of the Patient the member
/// chose to share (the launch context), present when <c>launch/patient</c> was granted.
/// </summary>
public sealed record TokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("id_token")]
    public string? IdToken { get; init; }

    /// <summary>The scopes granted, space-separated: fewer than asked when the member unticked some.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("patient")]
    public string? Patient { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}
