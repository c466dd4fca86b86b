using IdentityHub.Core.Mfa;
using IdentityHub.Data;
using IdentityHub.Data.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Mfa;

/// <summary>
/// Ten single-use recovery codes per user, stored hashed. Generating a new set voids the old one.
/// A used code is a second factor; wrong codes count towards the per-account limit.
/// </summary>
public sealed class RecoveryCodeStore(IdentityHubDbContext db, MfaLockout lockout, AuditLog audit, TimeProvider time)
{
    public Task<bool> HasSetAsync(string userId) => db.RecoveryCodes.AnyAsync(code => code.UserId == userId);

    public Task<int> RemainingAsync(string userId) => db.RecoveryCodes.CountAsync(code => code.UserId == userId && code.UsedAt == null);

    /// <summary>A new set; the codes are returned once and never stored in readable form.</summary>
    public async Task<IReadOnlyList<string>> GenerateAsync(string userId)
    {
        await db.RecoveryCodes.Where(code => code.UserId == userId).ExecuteDeleteAsync();
        var now = time.GetUtcNow();
        var codes = RecoveryCodes.Generate();
        foreach (var code in codes)
        {
            var salt = RecoveryCodes.NewSalt();
            db.RecoveryCodes.Add(new RecoveryCodeRecord { UserId = userId, Salt = salt, Hash = RecoveryCodes.Hash(code, salt), CreatedAt = now });
        }

        audit.Add("mfa.recovery_codes_generated", "succeeded", userId);
        await db.SaveChangesAsync();
        return codes;
    }

    /// <summary>Uses a code: the result says whether it worked and how many codes are left.</summary>
    public async Task<(CodeCheck Outcome, int Remaining)> RedeemAsync(IdentityHubUser user, string entered, string? clientId)
    {
        if (lockout.IsLocked(user))
        {
            return (CodeCheck.AccountLocked, 0);
        }

        var unused = await db.RecoveryCodes.Where(code => code.UserId == user.Id && code.UsedAt == null).ToListAsync();
        var match = unused.FirstOrDefault(code => RecoveryCodes.Matches(entered, code.Salt, code.Hash));
        match?.UsedAt = time.GetUtcNow();
        var outcome = lockout.Apply(user, new CodeCheckResult(match is null ? CodeCheck.Wrong : CodeCheck.Accepted, 0), "recovery code", clientId).Outcome;

        audit.Add("mfa.recovery_code_used", outcome.ToString(), user.Id, clientId);
        await db.SaveChangesAsync();
        return (outcome, unused.Count - (match is null ? 0 : 1));
    }
}
