using IdentityHub.Core.Mfa;
using IdentityHub.Data;
using IdentityHub.Data.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using Microsoft.AspNetCore.DataProtection;

namespace IdentityHub.Server.Mfa;

/// <summary>
/// Authenticator apps (M12): the shared secret is stored only in Data Protection–protected form; a
/// code is accepted within one step of drift and never twice; wrong codes count towards the same
/// per-account limit as sent codes.
/// </summary>
public sealed class AuthenticatorApps(
    IdentityHubDbContext db,
    IDataProtectionProvider protection,
    MfaLockout lockout,
    AuditLog audit,
    TimeProvider time)
{
    public const string Label = "Authenticator app";

    private readonly IDataProtector _protector = protection.CreateProtector("IdentityHub.Mfa.Totp");

    /// <summary>Checks the first code of an app being set up against the pending secret.</summary>
    public static TotpCheck CheckEnrollment(string base32Secret, string entered, DateTimeOffset now) =>
        Totp.Verify(Totp.FromBase32(base32Secret), entered, now, lastUsedStep: null);

    public async Task<MfaMethod> AddAsync(string userId, string base32Secret, long? firstStep, bool usedToSignIn)
    {
        var now = time.GetUtcNow();
        var method = new MfaMethod
        {
            UserId = userId,
            Kind = MfaMethodKind.Totp,
            Destination = Label,
            ProtectedSecret = _protector.Protect(base32Secret),
            LastUsedStep = firstStep,
            CreatedAt = now,
            LastUsedAt = usedToSignIn ? now : null,
        };
        db.MfaMethods.Add(method);
        await db.SaveChangesAsync();
        return method;
    }

    /// <summary>Checks a code from the app at sign-in, with the same wording and limits as sent codes.</summary>
    public async Task<CodeCheckResult> VerifyAsync(IdentityHubUser user, MfaMethod method, string entered, string? clientId)
    {
        if (lockout.IsLocked(user))
        {
            return MfaLockout.Refusal;
        }

        var now = time.GetUtcNow();
        var secret = Totp.FromBase32(_protector.Unprotect(method.ProtectedSecret!));
        var check = Totp.Verify(secret, entered, now, method.LastUsedStep);
        var result = lockout.Apply(user, check.Outcome switch
        {
            TotpOutcome.Accepted => new CodeCheckResult(CodeCheck.Accepted, 0),
            TotpOutcome.Replayed => new CodeCheckResult(CodeCheck.AlreadyUsed, 0),
            TotpOutcome.Malformed => new CodeCheckResult(CodeCheck.Malformed, 0),
            _ => new CodeCheckResult(CodeCheck.Wrong, 0),
        }, "code from an authenticator app", clientId);

        if (result.Outcome == CodeCheck.Accepted)
        {
            method.LastUsedStep = check.MatchedStep;
            method.LastUsedAt = now;
        }

        audit.Add("mfa.totp_checked", result.Outcome.ToString(), user.Id, clientId);
        await db.SaveChangesAsync();
        return result;
    }
}
