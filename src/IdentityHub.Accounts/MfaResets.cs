using IdentityHub.Data;
using IdentityHub.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Accounts;

/// <summary>What resetting a user's second factors took away.</summary>
public sealed record RemovedSecondFactors(int Methods, int Passkeys, int RecoveryCodes, EndedSessions Ended)
{
    public override string ToString() =>
        $"{Methods} method(s), {Passkeys} passkey(s) and {RecoveryCodes} recovery code(s) removed; {Ended}";
}

/// <summary>
/// An administrator's MFA reset (D6): every enrolled method (text, voice, email, authenticator app and its
/// key), every passkey, every recovery code and pending code, and every remembered device goes; the
/// second-factor lock is cleared; every session ends. With no method left, the sign-in's enrollment check
/// sends the person through enrollment after their password (M1).
/// </summary>
public sealed class MfaResets(IdentityHubDbContext db, AccountSessions sessions)
{
    public const string SessionEndReason = Data.Sessions.SessionEndReasons.Administrator;

    /// <summary>Removes them all and saves the user's record (with whatever else the caller changed on it).</summary>
    public async Task<RemovedSecondFactors> ResetAsync(IdentityHubUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var methods = await db.MfaMethods.Where(m => m.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        var passkeys = await db.UserPasskeys.Where(p => p.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        var recoveryCodes = await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.OneTimeCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        // Identity's own authenticator key and recovery codes, should anything have stored them there.
        await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == "[AspNetUserStore]").ExecuteDeleteAsync(cancellationToken);
        AccountAccess.ClearSecondFactorCounts(user);
        var ended = await sessions.EndAllAsync(user, SessionEndReason, cancellationToken: cancellationToken);
        return new RemovedSecondFactors(methods, passkeys, recoveryCodes, ended);
    }
}
