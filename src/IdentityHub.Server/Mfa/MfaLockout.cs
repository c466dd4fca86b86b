using IdentityHub.Accounts;
using IdentityHub.Core.Mfa;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Mfa;

/// <summary>
/// The one place an account's second-factor failures are counted, locked and unlocked
/// (<see cref="SecondFactorLockout"/> on the user's record). Every check of a code, an app code, a
/// recovery code, a passkey or security answers asks <see cref="IsLocked"/> first and reports its
/// outcome through <see cref="Apply"/>; help-desk and administrator unlocks go through <see cref="UnlockAsync"/>.
/// The counters are saved with the caller's own record of the check, in one round trip.
/// </summary>
public sealed class MfaLockout(IdentityHubDbContext db, AuditLog audit, AccountAccess access, CodeMessagesForPeople messages, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time)
{
    private CodeSettings Settings => options.CurrentValue.Mfa.Codes;

    /// <summary>What a locked account is told, whichever factor it tried.</summary>
    public string LockedMessage => messages.Locked(Settings);

    public bool IsLocked(IdentityHubUser user) => SecondFactorLockout.IsLocked(Counters(user), time.GetUtcNow());

    /// <summary>The answer to any check while the account is locked.</summary>
    public static CodeCheckResult Refusal { get; } = new(CodeCheck.AccountLocked, 0);

    /// <summary>
    /// Passes a check's result through the policy: an accepted factor clears the counts; a wrong one
    /// (<see cref="CodeCheckResult.CountsAsFailure"/>) counts and, at the limit, locks the account and
    /// becomes <see cref="CodeCheck.AccountLocked"/>; anything else (malformed, expired, replayed) is not counted.
    /// </summary>
    /// <param name="factor">What was tried, for the audit record of a lock ("sign-in code", "authenticator app").</param>
    public CodeCheckResult Apply(IdentityHubUser user, CodeCheckResult result, string factor, string? clientId)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Outcome == CodeCheck.Accepted)
        {
            Keep(user, SecondFactorLockout.AfterSuccess);
            return result;
        }

        return result.CountsAsFailure && Fail(user, factor, clientId) is { LockedNow: true } ? Refusal : result;
    }

    /// <summary>Counts one wrong try of a factor that has no code result (a passkey, security answers).</summary>
    public LockoutVerdict Fail(IdentityHubUser user, string factor, string? clientId)
    {
        var verdict = SecondFactorLockout.AfterFailure(Counters(user), time.GetUtcNow(), Settings);
        Keep(user, verdict.Counters);
        if (verdict.LockedNow)
        {
            audit.Add("mfa.locked", "locked", user.Id, clientId, $"{Settings.MaxFailuresPerAccount} wrong second factors; the last was a {factor}; locked until {verdict.Counters.LockedUntil:O}");
        }

        return verdict;
    }

    /// <summary>Clears the counts after a factor that has no code result was accepted.</summary>
    public void Succeed(IdentityHubUser user) => Keep(user, SecondFactorLockout.AfterSuccess);

    /// <summary>
    /// Ends a lock and the count before it, on behalf of <paramref name="actor"/> (a help-desk command, an
    /// administrator), through the shared unlock (<see cref="AccountAccess.UnlockAsync"/>): the password
    /// lockout and wrong-password counts go with it.
    /// </summary>
    public async Task UnlockAsync(IdentityHubUser user, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await access.UnlockAsync(user, cancellationToken);
        audit.Add("mfa.unlocked", "succeeded", user.Id, detail: $"by {actor}");
        await db.SaveChangesAsync(cancellationToken);
    }

    private static LockoutCounters Counters(IdentityHubUser user) => new(user.MfaFailedAttempts, user.MfaLockedUntil);

    private static void Keep(IdentityHubUser user, LockoutCounters counters) =>
        (user.MfaFailedAttempts, user.MfaLockedUntil) = (counters.Failures, counters.LockedUntil);
}
