namespace IdentityHub.Samples.MemberApp.Connections;

/// <summary>
/// The app's link to a member's record at IdentityHub: the tokens, the patient shared, and the scopes granted.
/// Kept in the app's memory only (see <see cref="ConnectionStore"/>).
/// </summary>
public sealed record Connection
{
    public required string Issuer { get; init; }

    public required string TokenEndpoint { get; init; }

    public required string AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    /// <summary>The Patient id from the token response; null when the member did not share a patient.</summary>
    public string? Patient { get; init; }

    /// <summary>The ID token's <c>fhirUser</c>: the member as a FHIR resource URL.</summary>
    public string? FhirUser { get; init; }

    public required IReadOnlyList<string> GrantedScopes { get; init; }
}
