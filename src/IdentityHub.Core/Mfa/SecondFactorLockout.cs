namespace IdentityHub.Core.Mfa;

/// <summary>The wrong second-factor tries an account has made since its last success, and the lock they led to.</summary>
/// <param name="Failures">Wrong tries counted so far, across methods and codes.</param>
/// <param name="LockedUntil">The first instant the account is no longer locked; null when it never was.</param>
public readonly record struct LockoutCounters(int Failures, DateTimeOffset? LockedUntil);

/// <summary>What one wrong try did.</summary>
/// <param name="Counters">The counters to keep.</param>
/// <param name="LockedNow">Whether this try locked the account.</param>
/// <param name="FailuresLeft">Wrong tries the account still allows before it locks (0 once locked).</param>
public sealed record LockoutVerdict(LockoutCounters Counters, bool LockedNow, int FailuresLeft);

/// <summary>
/// The brute-force rule for every second factor: sent codes, authenticator-app codes, recovery codes,
/// passkey assertions and security answers. Wrong tries count per account, across methods and codes
/// (asking for a new code does not reset the count); at <see cref="CodeSettings.MaxFailuresPerAccount"/>
/// the account is locked for <see cref="CodeSettings.AccountLockout"/> and the count starts again; a
/// success clears both. While locked, nothing is checked and nothing is counted.
/// </summary>
public static class SecondFactorLockout
{
    /// <summary>Whether the counters hold a lock at <paramref name="now"/>.</summary>
    public static bool IsLocked(LockoutCounters counters, DateTimeOffset now) => counters.LockedUntil > now;

    /// <summary>The counters after a wrong try.</summary>
    public static LockoutVerdict AfterFailure(LockoutCounters counters, DateTimeOffset now, CodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var failures = counters.Failures + 1;
        return failures >= settings.MaxFailuresPerAccount
            ? new LockoutVerdict(new LockoutCounters(0, now + settings.AccountLockout), LockedNow: true, FailuresLeft: 0)
            : new LockoutVerdict(new LockoutCounters(failures, null), LockedNow: false, settings.MaxFailuresPerAccount - failures);
    }

    /// <summary>The counters after a success: nothing counted, no lock.</summary>
    public static LockoutCounters AfterSuccess { get; } = new(0, null);
}
