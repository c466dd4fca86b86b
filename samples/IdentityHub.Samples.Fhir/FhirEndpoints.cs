using System.Security.Claims;
using Hl7.Fhir.Model;
using IdentityHub.Samples.Fhir.Fhir;
using IdentityHub.Samples.Fhir.Records;
using IdentityHub.Samples.Fhir.Smart;
using Microsoft.Extensions.Primitives;

namespace IdentityHub.Samples.Fhir;

/// <summary>
/// The FHIR RESTful endpoints under the base path: <c>metadata</c> (anonymous), read (<c>{type}/{id}</c>) and
/// search (<c>{type}?patient={id}</c>, <c>Patient?_id={id}</c>). Each read and search asks <see cref="SmartAccess"/>
/// whether the token's scopes allow it before answering.
/// </summary>
internal static class FhirEndpoints
{
    public static void MapFhirEndpoints(this IEndpointRouteBuilder endpoints, FhirSettings fhir)
    {
        var api = endpoints.MapGroup(fhir.BasePath);

        api.MapGet("/metadata", () => new FhirResponse(Capabilities.Describe(fhir)));

        api.MapGet("/{type}/{id}", (string type, string id, HttpContext http, PatientRecords records) =>
        {
            if (!PatientRecords.IsServed(type))
            {
                return Unsupported(type);
            }

            var stored = records.Find(type, id);
            var token = TokenOf(http.User);
            // Unknown ids are checked as if they were the token's own patient's: a token that may not read the
            // type at all is refused before it learns which ids exist.
            var decision = SmartAccess.Decide(token.Scopes, token.Patient,
                new AccessRequest(FhirInteraction.Read, type, stored?.PatientId ?? token.Patient));
            if (!decision.Allowed)
            {
                return Refused(http, decision);
            }

            return stored is null
                ? Outcomes.NotFound($"There is no {type} with id '{id}'.")
                : new FhirResponse(stored.Resource);
        }).RequireAuthorization();

        api.MapGet("/{type}", (string type, HttpContext http, PatientRecords records) =>
        {
            if (!PatientRecords.IsServed(type))
            {
                return Unsupported(type);
            }

            var parameter = type == "Patient" ? "_id" : "patient";
            if (!TryReadPatient(http.Request.Query[parameter], out var patientId))
            {
                return Outcomes.BadRequest($"Search {type} by one {parameter} at a time, such as {type}?{parameter}=rivera-maria.");
            }

            var token = TokenOf(http.User);
            var decision = SmartAccess.Decide(token.Scopes, token.Patient, new AccessRequest(FhirInteraction.Search, type, patientId));
            if (!decision.Allowed)
            {
                return Refused(http, decision);
            }

            var self = patientId is null ? $"{fhir.Base}/{type}" : $"{fhir.Base}/{type}?{parameter}={Uri.EscapeDataString(patientId)}";
            return new FhirResponse(SearchSet(fhir, self, records.Search(type, patientId)));
        }).RequireAuthorization();

        api.MapFallback(() => Outcomes.NotFound("This FHIR API serves metadata, read ({type}/{id}) and search ({type}?patient={id}) only."));
    }

    private static FhirResponse Unsupported(string type) =>
        Outcomes.NotFound($"This FHIR API does not serve {type}; it serves {string.Join(", ", PatientRecords.Types)}.");

    /// <summary>403 with an OperationOutcome, and the RFC 6750 §3.1 challenge naming a scope that would do.</summary>
    private static FhirResponse Refused(HttpContext http, AccessDecision decision)
    {
        http.Response.Headers.WWWAuthenticate = decision.ScopeNeeded is null
            ? "Bearer error=\"insufficient_scope\""
            : $"Bearer error=\"insufficient_scope\", scope=\"{decision.ScopeNeeded}\"";
        return Outcomes.Forbidden(decision.Problem ?? "The access token does not allow this request.");
    }

    /// <summary>The patient a search is limited to: none, one id, or a reference <c>Patient/{id}</c>.</summary>
    private static bool TryReadPatient(StringValues values, out string? patientId)
    {
        patientId = null;
        if (values.Count == 0)
        {
            return true;
        }

        var value = values.Count == 1 ? values[0]?.Trim() : null;
        if (value is null || value.Length == 0 || value.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        patientId = value.StartsWith("Patient/", StringComparison.Ordinal) ? value["Patient/".Length..] : value;
        return patientId.Length > 0;
    }

    private static Bundle SearchSet(FhirSettings fhir, string self, IReadOnlyList<StoredResource> found) => new()
    {
        Type = Bundle.BundleType.Searchset,
        Total = found.Count,
        Link = [new Bundle.LinkComponent { Relation = "self", Url = self }],
        Entry = [.. found.Select(stored => new Bundle.EntryComponent
        {
            FullUrl = $"{fhir.Base}/{stored.Type}/{stored.Id}",
            Resource = stored.Resource,
            Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
        })],
    };

    /// <summary>The granted scopes (the <c>scope</c> claim, space-separated) and the patient in context.</summary>
    private static (IReadOnlyList<string> Scopes, string? Patient) TokenOf(ClaimsPrincipal user) =>
        ([.. user.FindAll("scope").SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))],
         user.FindFirst("patient")?.Value);
}
