using Hl7.Fhir.Model;
using IdentityHub.Samples.Fhir.Records;

namespace IdentityHub.Samples.Fhir.Fhir;

/// <summary>
/// The CapabilityStatement served at <c>GET /metadata</c> without a token: what a FHIR client may ask of this server
/// (read and search of four resource types, JSON only) and that it is protected by SMART on FHIR. The authorization
/// server's endpoints are published by IdentityHub at <c>/.well-known/smart-configuration</c>.
/// </summary>
public static class Capabilities
{
    private static readonly Dictionary<string, string[]> SearchParameters = new(StringComparer.Ordinal)
    {
        ["Patient"] = ["_id"],
        ["Observation"] = ["patient"],
        ["Condition"] = ["patient"],
        ["Coverage"] = ["patient"],
    };

    public static CapabilityStatement Describe(FhirSettings fhir) => new()
    {
        Status = PublicationStatus.Active,
        Date = "2025-01-01",
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "IdentityHub sample FHIR API" },
        Implementation = new CapabilityStatement.ImplementationComponent
        {
            Description = "Demo members' records for trying SMART App Launch 2 with IdentityHub",
            Url = fhir.Base,
        },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json"],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = new CapabilityStatement.SecurityComponent
                {
                    Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")],
                    Description = $"SMART App Launch 2 with IdentityHub at {fhir.Authority}: see {fhir.Authority.TrimEnd('/')}/.well-known/smart-configuration.",
                },
                Resource = [.. PatientRecords.Types.Select(Resource)],
            },
        ],
    };

    private static CapabilityStatement.ResourceComponent Resource(string type) => new()
    {
        Type = type,
        Interaction =
        [
            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
        ],
        SearchParam = [.. SearchParameters[type].Select(name => new CapabilityStatement.SearchParamComponent
        {
            Name = name,
            Type = name == "_id" ? SearchParamType.Token : SearchParamType.Reference,
        })],
    };
}
