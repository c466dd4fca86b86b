namespace IdentityHub.Data.Members;

/// <summary>
/// One member of the plan as the imported roster knows them (A15): what a person must prove to create their own
/// account. Written by <c>import-members</c>; read only when the roster is the imported one
/// (<c>IdentityHub:Members:Roster:Kind = Imported</c>). Last name and ZIP are kept as given and in a normalized form
/// (upper case, letters only; the first five digits) that the proof is compared with.
/// </summary>
public class RosterMember
{
    /// <summary>The member id printed on the member's card, as the plan writes it (compared case-insensitively through <see cref="NormalizedMemberId"/>).</summary>
    public required string MemberId { get; set; }

    /// <summary>The member id in upper case without spaces or dashes: the key a proof is looked up by.</summary>
    public required string NormalizedMemberId { get; set; }

    public DateOnly DateOfBirth { get; set; }

    public string? GivenName { get; set; }

    public required string FamilyName { get; set; }

    /// <summary>The family name in upper case, letters only (accents removed), as a proof's last name is compared.</summary>
    public required string NormalizedFamilyName { get; set; }

    /// <summary>The five-digit ZIP code.</summary>
    public required string PostalCode { get; set; }

    /// <summary>The id of the member's FHIR Patient resource, when the plan's roster has one (SMART patient context).</summary>
    public string? PatientId { get; set; }

    /// <summary>The member's email on the plan's file, when it has one (not used to prove anything).</summary>
    public string? Email { get; set; }

    /// <summary>When eligibility ends (the member can no longer register after it); null while covered.</summary>
    public DateOnly? CoverageEndsOn { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The import that last wrote this row (its report names it).</summary>
    public string? ImportBatch { get; set; }
}
