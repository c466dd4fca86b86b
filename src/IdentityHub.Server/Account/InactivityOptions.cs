namespace IdentityHub.Server.Account;

/// <summary>Settings under <c>IdentityHub:Inactivity</c> (A9).</summary>
public sealed class InactivityOptions
{
    /// <summary>Accounts with no sign-in for this long are turned off; a password reset or an administrator turns them on.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the check runs. Any node may run it; the update is idempotent.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);
}
