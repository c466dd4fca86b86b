using Hl7.Fhir.Model;

namespace IdentityHub.Samples.Fhir.Records;

/// <summary>One stored resource and the patient whose record it belongs to (its patient compartment).</summary>
public sealed record StoredResource(Resource Resource, string PatientId)
{
    public string Type => Resource.TypeName;

    public string Id => Resource.Id ?? "";
}

/// <summary>
/// The FHIR API's data: the demo members' records, made once at start and kept in memory. Read-only, so the
/// lists are shared between requests without locks.
/// </summary>
public sealed class PatientRecords(IEnumerable<StoredResource> resources)
{
    /// <summary>The resource types served, in the order the CapabilityStatement lists them.</summary>
    public static IReadOnlyList<string> Types { get; } = ["Patient", "Observation", "Condition", "Coverage"];

    private readonly List<StoredResource> _resources = [.. resources];

    public static bool IsServed(string type) => Types.Contains(type, StringComparer.Ordinal);

    public StoredResource? Find(string type, string id) =>
        _resources.Find(stored => stored.Type == type && stored.Id == id);

    /// <summary>The resources of a type, of one patient, or of every patient when <paramref name="patientId"/> is null.</summary>
    public IReadOnlyList<StoredResource> Search(string type, string? patientId) =>
        [.. _resources.Where(stored => stored.Type == type && (patientId is null || stored.PatientId == patientId))];
}
