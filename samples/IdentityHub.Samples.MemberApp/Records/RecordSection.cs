namespace IdentityHub.Samples.MemberApp.Records;

/// <summary>How one part of the member's record came back from the FHIR API.</summary>
public enum SectionState
{
    /// <summary>The API answered with the data.</summary>
    Shared,

    /// <summary>The API answered 403: the member did not grant the scope (or the token lacks the patient).</summary>
    NotShared,

    /// <summary>Anything else: the API could not be reached, the token was refused (401), or the answer was not FHIR.</summary>
    Failed,
}

/// <summary>One part of the record (observations, conditions, coverage) as rows to show, or why there are none.</summary>
public sealed record RecordSection<T>(SectionState State, IReadOnlyList<T> Rows, string? Message = null)
{
    public bool IsShared => State == SectionState.Shared;
}

public sealed record ObservationRow(string Date, string What, string Value);

public sealed record ConditionRow(string What, string Status, string Since);

public sealed record CoverageRow(string Plan, string Payor, string MemberId, string Status, string Period);
