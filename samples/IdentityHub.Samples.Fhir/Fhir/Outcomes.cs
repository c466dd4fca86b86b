using Hl7.Fhir.Model;

namespace IdentityHub.Samples.Fhir.Fhir;

/// <summary>
/// The API's errors as FHIR OperationOutcome resources, each with the HTTP status FHIR's RESTful API gives it, so a
/// FHIR client reads every refusal the same way.
/// </summary>
public static class Outcomes
{
    public static FhirResponse NotFound(string diagnostics) =>
        new(Outcome(OperationOutcome.IssueType.NotFound, diagnostics), StatusCodes.Status404NotFound);

    public static FhirResponse Forbidden(string diagnostics) =>
        new(Outcome(OperationOutcome.IssueType.Forbidden, diagnostics), StatusCodes.Status403Forbidden);

    public static FhirResponse BadRequest(string diagnostics) =>
        new(Outcome(OperationOutcome.IssueType.Invalid, diagnostics), StatusCodes.Status400BadRequest);

    public static OperationOutcome Unauthorized(string diagnostics) => Outcome(OperationOutcome.IssueType.Login, diagnostics);

    public static OperationOutcome Outcome(OperationOutcome.IssueType code, string diagnostics) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = code,
                Diagnostics = diagnostics,
            },
        ],
    };
}
