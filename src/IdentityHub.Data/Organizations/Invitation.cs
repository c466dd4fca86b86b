using IdentityHub.Core.Organizations;

namespace IdentityHub.Data.Organizations;

/// <summary>
/// An administrator's invitation to a new person (D5): the invitee gets an email with a single-use link
/// (only its hash is kept) valid <c>Invitations:LinkLifetime</c> (72 hours) from the last send, then
/// chooses a username and password, enrolls MFA and signs the terms. The pending list shows it to the
/// administrator who created it until it is accepted, cancelled, or <c>Invitations:ListedFor</c>
/// (7 days) after its last send.
/// </summary>
public class Invitation
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public required string OrganizationId { get; set; }

    public required string GivenName { get; set; }

    public required string FamilyName { get; set; }

    public required string Email { get; set; }

    public string? LocationId { get; set; }

    /// <summary>The role the invitee will hold (an approved registration invites its two administrators).</summary>
    public AdministrativeRole Role { get; set; } = AdministrativeRole.GeneralUser;

    /// <summary>The portal the invitee lands in after signing up.</summary>
    public string? ClientId { get; set; }

    /// <summary>The administrator who created it (null: the platform, on approving a registration).</summary>
    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSentAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>SHA-256 of the link's secret, hex; a resend replaces it, so the old link dies.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public string? AcceptedUserId { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}
