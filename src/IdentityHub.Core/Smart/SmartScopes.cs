namespace IdentityHub.Core.Smart;

/// <summary>
/// The SMART scopes a deployment offers: the resource scopes of its FHIR resource types (and <c>*</c>) in the three
/// contexts, plus <c>launch/patient</c> and <c>fhirUser</c>. A finite set, so the token server registers every one of
/// them with OpenIddict (no database row per scope) and the registration rules check a client's scopes against it.
/// </summary>
public sealed class SmartScopes
{
    /// <summary>Asks for the patient in context at a standalone launch (the token response then names the patient).</summary>
    public const string LaunchPatient = "launch/patient";

    /// <summary>Asks for the <c>fhirUser</c> claim in the ID token (the signed-in member's Patient resource).</summary>
    public const string FhirUser = "fhirUser";

    /// <summary>The resource types a US health plan's Patient Access API usually serves (the default of the setting).</summary>
    public static readonly IReadOnlyList<string> PatientAccessResourceTypes =
    [
        "Patient", "Coverage", "ExplanationOfBenefit", "Observation", "Condition", "AllergyIntolerance", "MedicationRequest",
        "Immunization", "Procedure", "Encounter", "DiagnosticReport", "DocumentReference", "CarePlan", "CareTeam", "Goal",
        "Practitioner", "Organization", "Location",
    ];

    private readonly HashSet<string> resourceTypes;

    public SmartScopes(IEnumerable<string> resourceTypes)
    {
        this.resourceTypes = new HashSet<string>(resourceTypes, StringComparer.Ordinal);
        All = [LaunchPatient, FhirUser, .. Enum.GetValues<SmartContext>()
            .SelectMany(context => this.resourceTypes.Order(StringComparer.Ordinal).Append("*")
                .SelectMany(type => SmartScope.AllPermissions.Select(permissions => new SmartScope(context, type, permissions).ToString())))];
    }

    /// <summary>The resource types this deployment's FHIR API serves.</summary>
    public IReadOnlySet<string> ResourceTypes => resourceTypes;

    /// <summary>Every scope of the set (what discovery's <c>scopes_supported</c> would list in full).</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>Whether <paramref name="scope"/> is one of this set's scopes.</summary>
    public bool Contains(string scope) =>
        scope is LaunchPatient or FhirUser || SmartScope.Parse(scope) is { } parsed && (parsed.AllTypes || resourceTypes.Contains(parsed.ResourceType));

    /// <summary>Whether a scope is any SMART scope at all, known here or not (to say "SMART is off" rather than "unknown").</summary>
    public static bool LooksLikeSmart(string scope) =>
        scope is LaunchPatient or FhirUser || scope.StartsWith("patient/", StringComparison.Ordinal)
        || scope.StartsWith("user/", StringComparison.Ordinal) || scope.StartsWith("system/", StringComparison.Ordinal);

    /// <summary>
    /// Why these scopes cannot go together with these grants, or null: <c>system/</c> scopes are for client_credentials
    /// (Backend Services) only, <c>patient/</c>, <c>user/</c>, <c>launch/patient</c> and <c>fhirUser</c> for a person's
    /// sign-in (authorization_code) only.
    /// </summary>
    public static string? GrantMismatch(IEnumerable<string> scopes, bool codeFlow, bool clientCredentials)
    {
        foreach (var scope in scopes)
        {
            var parsed = SmartScope.Parse(scope);
            if (parsed is { Context: SmartContext.System } && !clientCredentials)
            {
                return $"'{scope}' is a system scope: it is for the client_credentials grant (SMART Backend Services) only.";
            }

            if ((parsed is { Context: SmartContext.Patient or SmartContext.User } || scope is LaunchPatient or FhirUser) && !codeFlow)
            {
                return $"'{scope}' needs a person's sign-in: it is for the authorization_code grant only.";
            }
        }

        return null;
    }
}
