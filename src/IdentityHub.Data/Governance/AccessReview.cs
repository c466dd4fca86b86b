namespace IdentityHub.Data.Governance;

/// <summary>
/// The re-certification of one person's access (D7): everyone holding a security profile is confirmed by an
/// administrator of their organization (or the platform) before <see cref="DueAt"/>, every
/// <c>IdentityHub:Governance:RecertificationInterval</c>. Access not confirmed in time is suspended by the
/// background job; a confirmation restores it at once.
/// </summary>
public class AccessReview
{
    public required string UserId { get; set; }

    /// <summary>When the access was last confirmed (at first, when the first profile was given).</summary>
    public DateTimeOffset ConfirmedAt { get; set; }

    /// <summary>Who confirmed it: an administrator's user id, or null for the first grant.</summary>
    public string? ConfirmedBy { get; set; }

    /// <summary>The deadline of the next confirmation.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Set by the job when the deadline passed unconfirmed: the person cannot sign in until an administrator confirms.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>The smallest "days before the deadline" whose reminder went out for this period (14, then 3), or null.</summary>
    public int? RemindedDaysBefore { get; set; }

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}
