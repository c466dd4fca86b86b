using IdentityHub.Core.Smart;

namespace IdentityHub.Server.Smart;

/// <summary>
/// <c>IdentityHub:Smart</c>: SMART App Launch 2 for member apps and partners (P13, docs/smart.md, decision 0042). Off
/// until <see cref="FhirBaseUrl"/> is set; then the SMART scopes of <see cref="ResourceTypes"/> exist, their tokens
/// carry the FHIR API as audience, and <c>/.well-known/smart-configuration</c> is served.
/// </summary>
public sealed class SmartOptions
{
    /// <summary>The FHIR API's base address (absolute URL), as apps send it in <c>aud</c>; empty turns SMART off.</summary>
    public Uri? FhirBaseUrl { get; set; }

    /// <summary>The FHIR resource types the plan serves; empty: <see cref="SmartScopes.PatientAccessResourceTypes"/>.</summary>
    public List<string> ResourceTypes { get; set; } = [];

    public bool Enabled => FhirBaseUrl is not null;

    /// <summary>The audience string of SMART tokens: the setting exactly as written.</summary>
    public string? Audience => FhirBaseUrl?.OriginalString;

    /// <summary>The scopes SMART offers with these settings (empty set of types when off).</summary>
    public SmartScopes Scopes() => new(Enabled ? EffectiveResourceTypes : []);

    public IReadOnlyList<string> EffectiveResourceTypes => ResourceTypes.Count > 0 ? ResourceTypes : SmartScopes.PatientAccessResourceTypes;

    /// <summary>Whether an <c>aud</c> request parameter names this FHIR API (a trailing slash either way is the same address).</summary>
    public bool IsAudience(string aud) =>
        Audience is { } audience && string.Equals(aud.TrimEnd('/'), audience.TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>The settings check's complaints, each naming its key.</summary>
    public IEnumerable<string> Validate(string prefix)
    {
        if (FhirBaseUrl is { } fhir && (!fhir.IsAbsoluteUri || fhir.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(fhir.Query) || !string.IsNullOrEmpty(fhir.Fragment)))
        {
            yield return $"{prefix}:FhirBaseUrl must be an absolute http(s) URL without a query or fragment (the FHIR API's base, for example https://fhir.example.org/r4).";
        }

        foreach (var type in ResourceTypes.Where(type => !SmartScope.IsResourceType(type)))
        {
            yield return $"{prefix}:ResourceTypes has '{type}'; a FHIR resource type is letters only and starts with a capital (for example Observation).";
        }

        foreach (var twice in ResourceTypes.GroupBy(type => type, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            yield return $"{prefix}:ResourceTypes names '{twice.Key}' twice.";
        }
    }
}
