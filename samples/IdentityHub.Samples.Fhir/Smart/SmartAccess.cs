namespace IdentityHub.Samples.Fhir.Smart;

/// <summary>What a request does with a resource type: read one resource by id, or search.</summary>
public enum FhirInteraction
{
    Read,
    Search,
}

/// <summary>
/// One request as the scope check sees it. <paramref name="PatientId"/> is the patient whose record the request
/// reaches: the patient a read resource belongs to, or the patient a search is limited to (null for a search
/// across all patients).
/// </summary>
public sealed record AccessRequest(FhirInteraction Interaction, string ResourceType, string? PatientId);

/// <summary>
/// The outcome of the scope check. When refused, <see cref="Problem"/> says why in words for the
/// OperationOutcome, and <see cref="ScopeNeeded"/> names a scope that would have allowed the request
/// (for the <c>WWW-Authenticate</c> header), or is null when no scope would (another patient's data).
/// </summary>
public sealed record AccessDecision(bool Allowed, string? Problem = null, string? ScopeNeeded = null)
{
    public static AccessDecision Allow { get; } = new(true);

    public static AccessDecision Refuse(string problem, string? scopeNeeded = null) => new(false, problem, scopeNeeded);
}

/// <summary>
/// Decides whether an access token's SMART scopes allow a request. Every FHIR endpoint asks this one class, so the
/// rules sit in one place, with no ASP.NET in them, where a unit test reaches them:
/// <list type="bullet">
/// <item>a read needs a scope naming the type (or <c>*</c>) with <c>r</c>; a search needs <c>s</c>;</item>
/// <item><c>system/</c> scopes (SMART Backend Services) reach every patient's data;</item>
/// <item><c>patient/</c> scopes reach only the patient in the token's <c>patient</c> claim: a read of another
/// patient's resource, or a search not limited to that patient, is refused;</item>
/// <item><c>user/</c> scopes are read like <c>patient/</c> ones. The users of this API are members, who may see
/// only their own record; a FHIR server for clinicians would look up which patients the user may see instead.</item>
/// </list>
/// </summary>
public static class SmartAccess
{
    public static AccessDecision Decide(IEnumerable<string> grantedScopes, string? tokenPatient, AccessRequest request)
    {
        var permission = request.Interaction == FhirInteraction.Read ? 'r' : 's';
        var verb = request.Interaction == FhirInteraction.Read ? "read" : "search";
        var matching = SmartScope.ParseAll(grantedScopes)
            .Where(scope => scope.Covers(request.ResourceType) && scope.Allows(permission))
            .ToList();
        if (matching.Count == 0)
        {
            return AccessDecision.Refuse(
                $"The access token has no scope that lets it {verb} {request.ResourceType} resources.",
                $"patient/{request.ResourceType}.{(permission == 'r' ? "r" : "s")}");
        }

        if (matching.Any(scope => scope.Context == SmartContext.System))
        {
            return AccessDecision.Allow;
        }

        // patient/ and user/ scopes: only the patient in context.
        if (string.IsNullOrEmpty(tokenPatient))
        {
            return AccessDecision.Refuse("The access token has patient scopes but no patient in context (launch/patient was not granted).", "launch/patient");
        }

        if (request.PatientId is null)
        {
            return AccessDecision.Refuse($"A search with patient scopes must be limited to the patient in context: add patient={tokenPatient}.");
        }

        return string.Equals(request.PatientId, tokenPatient, StringComparison.Ordinal)
            ? AccessDecision.Allow
            : AccessDecision.Refuse("The access token is for another patient's record.");
    }
}
