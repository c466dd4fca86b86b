namespace IdentityHub.Administration.Governance;

/// <summary>Where a person's re-certification stands (D7).</summary>
public enum ReviewStatus
{
    /// <summary>Confirmed; the deadline is further off than the first reminder.</summary>
    Current,

    /// <summary>The deadline is within the reminder period: confirm or remove.</summary>
    DueSoon,

    /// <summary>The deadline passed; the job suspends the access on its next run.</summary>
    Overdue,

    /// <summary>Not confirmed in time: the person cannot sign in until an administrator confirms.</summary>
    Suspended,
}

/// <summary>One person's re-certification as the API and console list it.</summary>
public sealed record ReviewView(
    string UserId,
    string? UserName,
    string Name,
    string? Email,
    string? OrganizationId,
    IReadOnlyList<string> Profiles,
    DateTimeOffset ConfirmedAt,
    string? ConfirmedBy,
    DateTimeOffset DueAt,
    DateTimeOffset? SuspendedAt,
    ReviewStatus Status);

/// <summary>What a list of due reviews is filtered by; <see cref="Status"/> null lists everyone holding a profile.</summary>
public sealed record ReviewQuery(string? OrganizationId = null, ReviewStatus? Status = null, int Page = 1, int PageSize = 25);

/// <summary>The answer to a confirmation or removal of several people: who was done, and why the others were not.</summary>
public sealed record ReviewOutcome(IReadOnlyList<string> Done, IReadOnlyDictionary<string, string> Refused);
