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

/// <summary>An invitation just made or sent again, with the secret of its link (shown nowhere, only mailed).</summary>
public sealed record SentInvitation(InvitationView Invitation, string LinkSecret);

/// <summary>What a link leads to: the invitation, or nothing usable (expired, cancelled, used or unknown: one answer for all).</summary>
public sealed record InvitationLink(Invitation? Invitation)
{
    public const string Unusable = "This invitation link has expired or was cancelled. Ask your administrator to send you a new one.";

    public bool IsUsable => Invitation is not null;
}
