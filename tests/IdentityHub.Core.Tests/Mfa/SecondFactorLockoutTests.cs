using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Tests.Mfa;

public sealed class SecondFactorLockoutTests
{
    private static readonly CodeSettings Settings = new();
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_account_locks_at_the_tenth_wrong_try_for_fifteen_minutes_and_the_count_starts_again()
    {
        var counters = SecondFactorLockout.AfterSuccess;
        for (var i = 1; i < 10; i++)
        {
            var verdict = SecondFactorLockout.AfterFailure(counters, Now, Settings);
            Assert.False(verdict.LockedNow);
            Assert.Equal(10 - i, verdict.FailuresLeft);
            counters = verdict.Counters;
        }

        var tenth = SecondFactorLockout.AfterFailure(counters, Now, Settings);

        Assert.True(tenth.LockedNow);
        Assert.Equal(0, tenth.FailuresLeft);
        Assert.Equal(new LockoutCounters(0, Now + TimeSpan.FromMinutes(15)), tenth.Counters);
        Assert.True(SecondFactorLockout.IsLocked(tenth.Counters, Now.AddMinutes(15).AddTicks(-1)));
        Assert.False(SecondFactorLockout.IsLocked(tenth.Counters, Now.AddMinutes(15)));
    }

    [Fact]
    public void A_success_clears_the_count_and_the_lock()
    {
        Assert.Equal(new LockoutCounters(0, null), SecondFactorLockout.AfterSuccess);
        Assert.False(SecondFactorLockout.IsLocked(SecondFactorLockout.AfterSuccess, Now));
    }

    [Fact]
    public void A_wrong_try_after_a_lock_ended_counts_from_one()
    {
        var ended = new LockoutCounters(0, Now.AddMinutes(-1));

        var verdict = SecondFactorLockout.AfterFailure(ended, Now, Settings);

        Assert.Equal(new LockoutCounters(1, null), verdict.Counters);
        Assert.False(SecondFactorLockout.IsLocked(verdict.Counters, Now));
    }

    [Fact]
    public void The_limit_and_the_length_of_the_lock_come_from_the_settings()
    {
        var strict = new CodeSettings { MaxFailuresPerAccount = 2, AccountLockout = TimeSpan.FromHours(1) };

        var first = SecondFactorLockout.AfterFailure(default, Now, strict);
        var second = SecondFactorLockout.AfterFailure(first.Counters, Now, strict);

        Assert.False(first.LockedNow);
        Assert.True(second.LockedNow);
        Assert.Equal(Now.AddHours(1), second.Counters.LockedUntil);
    }
}
