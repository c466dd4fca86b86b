using IdentityHub.Data.Organizations;

namespace IdentityHub.Administration.Invitations;

/// <summary>An invitation on its administrator's list: whether its link still works, and the version a change must name.</summary>
public sealed record InvitationView(
    string Id,
    string OrganizationId,
    string GivenName,
    string FamilyName,
    string Email,
    string? LocationId,
    DateTimeOffset LastSentAt,
    DateTimeOffset ExpiresAt,
    bool LinkExpired,
    string Version)
{
    public static InvitationView Of(Invitation invitation, DateTimeOffset now) => new(
        invitation.Id, invitation.OrganizationId, invitation.GivenName, invitation.FamilyName, invitation.Email, invitation.LocationId,
        invitation.LastSentAt, invitation.ExpiresAt, now >= invitation.ExpiresAt, invitation.ConcurrencyStamp);
}

/// <summary>
/// What a link leads to: the invitation and its organization's name, or nothing usable (expired, cancelled,
/// used, replaced by a resend or unknown: one answer for all).
/// </summary>
public sealed record InvitationLink(Invitation? Invitation, string? OrganizationName = null)
{
    public const string Unusable = "This invitation link no longer works. Ask the administrator who invited you to send you a new one.";

    public bool IsUsable => Invitation is not null;
}
