namespace IdentityHub.Data.Members;

/// <summary>
/// The link between a plan member and the one account they created (A15): unique on both sides, so a member id
/// has at most one account and an account is at most one member. Carries the FHIR Patient id the roster gave,
/// for SMART App Launch's patient context (P13) and the <c>member_id</c> / <c>patient</c> claims.
/// </summary>
public class MemberAccount
{
    /// <summary>The member id in its normalized form (see <see cref="RosterMember.NormalizedMemberId"/>).</summary>
    public required string MemberId { get; set; }

    public required string UserId { get; set; }

    /// <summary>The member's FHIR Patient id, when the roster had one.</summary>
    public string? PatientId { get; set; }

    public DateTimeOffset LinkedAt { get; set; }

    /// <summary>Which roster proved the membership: <c>Imported</c> or <c>Webhook</c>.</summary>
    public required string ProvedBy { get; set; }
}
