using System.Text.Json;
using System.Text.Json.Serialization;
using IdentityHub.Administration.Clients;

namespace IdentityHub.Server.Connect.Registration;

/// <summary>
/// What a dynamically registered client carries beside its registration (in the application's properties): the
/// hash of its registration access token (RFC 7592) and the policy of the initial access token it was registered
/// with, which every later change must still fit.
/// </summary>
public sealed record RegistrationRecord(
    [property: JsonPropertyName("token_hash")] string TokenHash,
    [property: JsonPropertyName("initial_token_id")] string InitialTokenId,
    [property: JsonPropertyName("policy")] string Policy)
{
    public JsonElement ToJson() => JsonSerializer.SerializeToElement(this);

    public static RegistrationRecord? From(IReadOnlyDictionary<string, JsonElement> properties)
    {
        if (!properties.TryGetValue(ClientDescriptors.RegistrationProperty, out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return element.Deserialize<RegistrationRecord>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
