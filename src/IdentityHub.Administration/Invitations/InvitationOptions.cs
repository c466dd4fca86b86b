namespace IdentityHub.Administration.Invitations;

/// <summary>Invitation times (D5), under <c>IdentityHub:Invitations</c>.</summary>
public sealed class InvitationOptions
{
    public const string Section = "IdentityHub:Invitations";

    /// <summary>How long a link works after it was last sent.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How long an unanswered invitation stays on its administrator's pending list after it was last sent.</summary>
    public TimeSpan ListedFor { get; set; } = TimeSpan.FromDays(7);
}
