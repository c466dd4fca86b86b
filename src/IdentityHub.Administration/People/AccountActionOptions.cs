namespace IdentityHub.Administration.People;

/// <summary>Administrators' account actions (D6), under <c>IdentityHub:Administration</c>.</summary>
public sealed class AccountActionOptions
{
    public const string Section = "IdentityHub:Administration";

    /// <summary>How long the link of a password reset an administrator started works.</summary>
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(24);
}
