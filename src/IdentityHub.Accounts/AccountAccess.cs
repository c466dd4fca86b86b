using IdentityHub.Core.Mfa;
using IdentityHub.Data.Users;

namespace IdentityHub.Accounts;

/// <summary>
/// Turning an account off and on, and unlocking it (A3, A12, D6, decision 0008), the same from the token
/// server's commands and the admin host. These change the user's record and leave the save (with the
/// caller's audit event) to the caller; the wrong-password counters live elsewhere and are forgotten at once.
/// </summary>
public sealed class AccountAccess(ISignInFailures failures, TimeProvider time)
{
    /// <summary>
    /// Marks the account turned off by an administrator: locked out until one turns it on. End its sessions
    /// after saving (<see cref="AccountSessions"/>) so that nobody signed in stays in.
    /// </summary>
    public void TurnOff(IdentityHubUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.DisabledByAdministratorAt ??= time.GetUtcNow();
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
    }

    /// <summary>Turns the account back on, whatever turned it off (an administrator, inactivity, a lockout), and forgets wrong passwords.</summary>
    public async Task TurnOnAsync(IdentityHubUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Reactivate(time.GetUtcNow(), byAdministrator: true);
        await failures.ForgetAsync(user.UserName ?? "", cancellationToken);
    }

    /// <summary>
    /// Ends the one second-factor lock and the count before it (decision 0008), Identity's password lockout
    /// and failure count, and every network's wrong-password count. An account that is turned off (by an
    /// administrator or for inactivity) stays off: unlocking is not turning on.
    /// </summary>
    public async Task UnlockAsync(IdentityHubUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ClearSecondFactorCounts(user);
        user.AccessFailedCount = 0;
        if (user.DisabledByAdministratorAt is null && user.DisabledForInactivityAt is null)
        {
            user.LockoutEnd = null;
        }

        await failures.ForgetAsync(user.UserName ?? "", cancellationToken);
    }

    /// <summary>The second-factor counts after an unlock or an accepted factor.</summary>
    public static void ClearSecondFactorCounts(IdentityHubUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        (user.MfaFailedAttempts, user.MfaLockedUntil) = (SecondFactorLockout.AfterSuccess.Failures, SecondFactorLockout.AfterSuccess.LockedUntil);
    }

    /// <summary>Whether either lock holds the account now (Identity's lockout or the second-factor lock).</summary>
    public bool IsLocked(IdentityHubUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        return user.LockoutEnd > now || user.MfaLockedUntil > now;
    }
}
