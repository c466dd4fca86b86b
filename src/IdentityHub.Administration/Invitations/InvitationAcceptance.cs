namespace IdentityHub.Administration.Invitations;

/// <summary>How accepting an invitation ended: the new user, an unusable link (one answer for every kind), or a taken username.</summary>
public abstract record InvitationAcceptance
{
    /// <summary>The user was created; <paramref name="ClientId"/> names the portal the invitation leads to, if any.</summary>
    public sealed record Accepted(string UserId, string? ClientId, string Reference) : InvitationAcceptance;

    /// <summary>Unknown, used, cancelled, expired or replaced by a resend: see <see cref="InvitationLink.Unusable"/>.</summary>
    public sealed record Unusable : InvitationAcceptance;

    /// <summary>Someone already holds the username (usernames are not secret: the page says so).</summary>
    public sealed record UsernameTaken : InvitationAcceptance;
}
