using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityHub.Samples.MemberApp.Smart;

/// <summary>What the app reads from the ID token: who signed in, as a FHIR resource URL.</summary>
public sealed record IdTokenClaims(string? Subject, string? FhirUser);

/// <summary>
/// Checks the ID token's issuer and audience, and reads <c>sub</c> and <c>fhirUser</c>. The signature is not checked:
/// this app received the token straight from IdentityHub's token endpoint, over a connection it opened itself (TLS
/// outside this local demo), so it knows who sent it (OpenID Connect Core §3.1.3.7 lets such a client use TLS
/// server validation instead). An app that receives ID tokens any other way must check the signature against the
/// issuer's JWKS. The issuer and audience are still checked, so a token meant for another app or from another
/// server is never taken for this one.
/// </summary>
public static class IdTokenCheck
{
    public static (IdTokenClaims? Claims, string? Problem) Read(string idToken, string expectedIssuer, string clientId)
    {
        JsonElement payload;
        try
        {
            var parts = idToken.Split('.');
            if (parts.Length != 3)
            {
                return (null, "The ID token is not a JWT.");
            }

            using var json = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[1]));
            payload = json.RootElement.Clone();
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return (null, "The ID token could not be read.");
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            return (null, "The ID token's payload is not a JSON object.");
        }

        var issuer = Text(payload, "iss");
        if (issuer is null || !string.Equals(issuer.TrimEnd('/'), expectedIssuer.TrimEnd('/'), StringComparison.Ordinal))
        {
            return (null, $"The ID token was issued by '{issuer}', not by {expectedIssuer}.");
        }

        var audiences = payload.TryGetProperty("aud", out var aud) && aud.ValueKind == JsonValueKind.Array
            ? [.. aud.EnumerateArray().Select(value => value.ToString())]
            : new[] { Text(payload, "aud") };
        if (!audiences.Contains(clientId))
        {
            return (null, $"The ID token is for another app, not {clientId}.");
        }

        return (new IdTokenClaims(Text(payload, "sub"), Text(payload, "fhirUser")), null);
    }

    private static string? Text(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
