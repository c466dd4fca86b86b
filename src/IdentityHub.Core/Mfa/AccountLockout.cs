namespace IdentityHub.Core.Mfa;

/// <summary>
/// The per-account limit on wrong codes. The count runs across codes (asking for a new code does not
/// reset it) and is reset by an accepted code or when the lockout starts.
/// </summary>
public static class AccountLockout
{
    /// <summary>
    /// After a wrong code: when <paramref name="failuresIncludingThisOne"/> reaches
    /// <see cref="CodeSettings.MaxFailuresPerAccount"/>, the instant the lockout ends; otherwise null.
    /// </summary>
    public static DateTimeOffset? LockedUntil(int failuresIncludingThisOne, DateTimeOffset now, CodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return failuresIncludingThisOne >= settings.MaxFailuresPerAccount ? now + settings.AccountLockout : null;
    }

    /// <summary>Whether a lockout ending at <paramref name="lockedUntil"/> still holds at <paramref name="now"/>.</summary>
    public static bool IsLocked(DateTimeOffset? lockedUntil, DateTimeOffset now) => lockedUntil > now;
}
