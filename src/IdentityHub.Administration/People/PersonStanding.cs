using IdentityHub.Data.Users;

namespace IdentityHub.Administration.People;

/// <summary>
/// A person and where their account stands, for the console's person page (D6): turned off (by an
/// administrator or for inactivity, and since when), and locked until when. The lock is the later of
/// Identity's password lockout and the one second-factor lock (decision 0008); a turned-off account's
/// lockout is the switch-off itself, not a lock that ends.
/// </summary>
public sealed record PersonStanding(PersonView Person, DateTimeOffset? TurnedOffAt, bool TurnedOffForInactivity, DateTimeOffset? LockedUntil)
{
    /// <summary>A lock that has no end short of an administrator (Identity's "for ever").</summary>
    public bool LockedUntilUnlocked => LockedUntil == DateTimeOffset.MaxValue;

    public static PersonStanding Of(IdentityHubUser user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var turnedOffAt = user.DisabledByAdministratorAt ?? user.DisabledForInactivityAt;
        var locks = new List<DateTimeOffset>(2);
        if (turnedOffAt is null && user.LockoutEnd is { } lockoutEnd && lockoutEnd > now)
        {
            locks.Add(lockoutEnd);
        }

        if (user.MfaLockedUntil is { } mfaLockedUntil && mfaLockedUntil > now)
        {
            locks.Add(mfaLockedUntil);
        }

        return new PersonStanding(
            PersonView.Of(user, now),
            turnedOffAt,
            user.DisabledByAdministratorAt is null && user.DisabledForInactivityAt is not null,
            locks.Count == 0 ? null : locks.Max());
    }
}
