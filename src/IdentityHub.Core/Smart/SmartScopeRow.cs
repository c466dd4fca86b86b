using System.Text.Json;

namespace IdentityHub.Core.Smart;

/// <summary>
/// How the token server tells the admin host which SMART scopes exist: the scope row <c>launch/patient</c> it writes at
/// start while SMART is on, with the FHIR resource types in its properties under <see cref="PropertyName"/> (decision
/// 0042). One row instead of a row per scope (there are hundreds), and no SMART settings to keep equal on two hosts.
/// </summary>
public static class SmartScopeRow
{
    public const string PropertyName = "smart_resource_types";

    /// <summary>The resource types in a scope row's properties (a JSON object), or null when it has none.</summary>
    public static IReadOnlyList<string>? ResourceTypesOf(string? properties)
    {
        if (string.IsNullOrEmpty(properties))
        {
            return null;
        }

        using var document = JsonDocument.Parse(properties);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty(PropertyName, out var types) && types.ValueKind == JsonValueKind.Array
            ? [.. types.EnumerateArray().Where(type => type.ValueKind == JsonValueKind.String).Select(type => type.GetString()!)]
            : null;
    }
}
