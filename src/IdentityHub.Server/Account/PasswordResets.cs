using IdentityHub.Core.Assurance;
using IdentityHub.Core.Mfa;
using IdentityHub.Data.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Account;

/// <summary>What a step of the reset left: the state to keep and, when something was refused, why.</summary>
public sealed record ResetStep(PasswordResetState State, string? Error);

/// <summary>
/// Forgot password (A7), up to the second factor: username and email, then a code to an enrolled
/// method, a code from the authenticator app, or a recovery code. When the details match no account
/// every step answers as it would for a real one (the same pages, a code "sent", wrong-code counts,
/// cooldowns) and no code ever works, so nobody learns whether an account exists.
/// </summary>
public sealed class PasswordResets(
    UserManager<IdentityHubUser> users,
    EnrolledMethods methods,
    CodeChallenges codes,
    AuthenticatorApps apps,
    RecoveryCodeStore recoveryCodes,
    SecurityQuestions questions,
    ClientPolicies policies,
    AuditLog audit,
    IDataProtectionProvider protection,
    IOptionsMonitor<IdentityHubOptions> options,
    IStringLocalizer<RecoveryText> text,
    CodeMessagesForPeople codeMessages,
    TimeProvider time)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public CodeSettings Settings => options.CurrentValue.Mfa.Codes;

    /// <summary>
    /// The ways offered on the verify page: the same list for everyone, whatever they enrolled. Methods the
    /// wizard enrolls count when the plan offers them; the others (recovery codes) are always there.
    /// </summary>
    public IReadOnlyList<MfaMethodDescriptor> Offered
    {
        get
        {
            var mfa = options.CurrentValue.Mfa;
            return MfaMethods.All
                .Where(method => method.CanResetPassword && method.AssuranceUnder(mfa.Preset).CountsAsSecondFactor)
                .Where(method => !method.Enrollable || mfa.Methods.Contains(method.Kind))
                .ToList();
        }
    }

    public PasswordResetState? Read(HttpContext http) => PasswordResetState.Read(http, protection, time.GetUtcNow());

    public void Save(HttpContext http, PasswordResetState state) => state.Save(http, protection);

    /// <summary>Step 1: looks the details up and sends the first code to the method last used, if they match.</summary>
    public async Task<PasswordResetState> StartAsync(string userName, string email, string? language, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        var matched = user?.NormalizedEmail is { } stored && string.Equals(stored, users.NormalizeEmail(email.Trim()), StringComparison.Ordinal);
        var outcome = user is null ? "unknown_user" : matched ? "matched" : "email_mismatch";
        var reference = await audit.RecordAsync("account.password_reset_started", outcome, user?.Id, cancellationToken: cancellationToken);
        var state = new PasswordResetState
        {
            Id = PasswordResetState.NewId(),
            // Unmatched details get a state of the same shape that points at nobody.
            UserId = matched ? user!.Id : PasswordResetState.NewId(),
            StampHash = PasswordResetState.HashStamp(matched ? user!.SecurityStamp : Guid.NewGuid().ToString("N")),
            StartedAt = time.GetUtcNow().ToUnixTimeSeconds(),
            Reference = reference,
            Questions = questions.Enabled ? await questions.ChooseForResetAsync(userName, matched ? user : null, cancellationToken) : [],
        };
        return (await SendAsync(state, language, cancellationToken)).State;
    }

    /// <summary>The account the state belongs to; null for unmatched details or once the password has changed.</summary>
    public async Task<IdentityHubUser?> UserOfAsync(PasswordResetState state)
    {
        var user = await users.FindByIdAsync(state.UserId);
        return user is not null && PasswordResetState.HashStamp(user.SecurityStamp) == state.StampHash ? user : null;
    }

    /// <summary>Sends a code by the chosen way (or the method last used); apps and recovery codes need none.</summary>
    public async Task<ResetStep> SendAsync(PasswordResetState state, string? language, CancellationToken cancellationToken = default)
    {
        if (state.Kind is { } chosen && !MfaMethods.Of(chosen).SendsCode)
        {
            return new ResetStep(state, null);
        }

        var now = time.GetUtcNow();
        var user = await UserOfAsync(state);
        var method = user is null ? null : await CodeMethodAsync(user, state.Kind, cancellationToken);
        if (user is not null && method is not null)
        {
            var result = await codes.SendAsync(user, method.Kind, method.Destination, RecoveryPurposes.PasswordReset, state.Id,
                policies.Deployment, language, cancellationToken: cancellationToken);

            // The cooldown is per reset and shows for unmatched details too; any other reason a code did
            // not go (hourly cap, delivery) would tell that the account exists, so it reads like a send.
            return result is SendResult.TooSoon tooSoon
                ? new ResetStep(state, codeMessages.For(tooSoon, null))
                : new ResetStep(Sent(state, method.Kind, now), null);
        }

        // Nothing to send to: answer as a send would, cooldown included.
        var kind = state.Kind ?? MfaMethodKind.Email;
        var check = ResendRules.Check(state.Sends.Where(send => send.Kind == kind).Select(send => At(send.At)), now, Settings);
        return check.Decision == ResendDecision.CoolingDown
            ? new ResetStep(state, codeMessages.For(new SendResult.TooSoon(check.RetryAfter), null))
            : new ResetStep(Sent(state, kind, now), null);
    }

    /// <summary>Step 2: checks what was entered for the chosen way. Accepted marks the state verified.</summary>
    public async Task<ResetStep> VerifyAsync(PasswordResetState state, string entered, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var user = await UserOfAsync(state);
        CodeCheckResult? result = null;
        if (user is not null)
        {
            result = state.Kind switch
            {
                MfaMethodKind.RecoveryCode => new CodeCheckResult((await recoveryCodes.RedeemAsync(user, entered, clientId: null)).Outcome, 0),
                MfaMethodKind.Totp => (await methods.ListAsync(user.Id, cancellationToken)).FirstOrDefault(m => m.Kind == MfaMethodKind.Totp) is { } app
                    ? await apps.VerifyAsync(user, app, entered, clientId: null)
                    : null,
                _ => await codes.LatestAsync(user.Id, RecoveryPurposes.PasswordReset, state.Id, cancellationToken) is not null
                    ? await codes.VerifyAsync(user, RecoveryPurposes.PasswordReset, state.Id, entered, clientId: null, cancellationToken: cancellationToken)
                    : null,
            };
        }

        if (result is null)
        {
            // Unmatched details, or a way this account does not have: refuse as a real check would.
            (result, state) = Pretend(state, entered, now);
            await audit.RecordAsync("account.password_reset_checked", result.Outcome.ToString(), user?.Id, detail: "no code to check", reference: null, cancellationToken: cancellationToken);
        }

        if (result.Outcome != CodeCheck.Accepted)
        {
            return new ResetStep(state, MessageFor(state.Kind, result));
        }

        await audit.RecordAsync("account.password_reset_verified", "succeeded", user!.Id, detail: state.Kind?.ToString() ?? "method on file", cancellationToken: cancellationToken);
        return new ResetStep(state with { VerifiedAt = now.ToUnixTimeSeconds() }, null);
    }

    /// <summary>Step 2, the other way (A7, legacy option): answers to the two security questions asked.</summary>
    public async Task<ResetStep> VerifyAnswersAsync(PasswordResetState state, IReadOnlyList<string> answers, CancellationToken cancellationToken = default)
    {
        var user = await UserOfAsync(state);
        if (!await questions.CheckAsync(user, state.Questions, answers, cancellationToken))
        {
            // One message for wrong answers, a locked account and unknown details alike (A7: the page never tells a locked account from wrong answers).
            return new ResetStep(state, text["ForgotQuestions.Refused"]);
        }

        await audit.RecordAsync("account.password_reset_verified", "succeeded", user!.Id, detail: "security questions", cancellationToken: cancellationToken);
        return new ResetStep(state with { VerifiedAt = time.GetUtcNow().ToUnixTimeSeconds(), VerifiedByQuestions = true }, null);
    }

    private string MessageFor(MfaMethodKind? kind, CodeCheckResult result) => kind switch
    {
        MfaMethodKind.Totp => codeMessages.ForApp(result, Settings),
        MfaMethodKind.RecoveryCode when result.Outcome != CodeCheck.AccountLocked => text["ForgotVerify.RecoveryCodeRefused"],
        _ => codeMessages.For(result, Settings),
    };

    /// <summary>
    /// The same rules as <see cref="CodeVerifier"/> and <see cref="SecondFactorLockout"/>, with the counters
    /// kept in the state instead of on an account.
    /// </summary>
    private (CodeCheckResult, PasswordResetState) Pretend(PasswordResetState state, string entered, DateTimeOffset now)
    {
        var settings = Settings;
        var left = Math.Max(0, settings.MaxAttemptsPerCode - state.CodeFailures);
        var counters = new LockoutCounters(state.TotalFailures, state.LockedUntil is { } until ? At(until) : null);
        if (SecondFactorLockout.IsLocked(counters, now))
        {
            return (MfaLockout.Refusal, state);
        }

        // "The method on file" is a sent code.
        var method = MfaMethods.Of(state.Kind ?? MfaMethodKind.Email);
        var sentCode = method.SendsCode;
        if (method.Digits(settings) is { } digits)
        {
            var normalized = OneTimeCodes.Normalize(entered);
            if (normalized.Length != digits || !normalized.All(char.IsAsciiDigit))
            {
                return (new CodeCheckResult(CodeCheck.Malformed, left), state);
            }
        }

        if (sentCode)
        {
            if (state.Sends.Count == 0 || now >= At(state.Sends[^1].At) + settings.Lifetime)
            {
                return (new CodeCheckResult(CodeCheck.Expired, 0), state);
            }

            if (left == 0)
            {
                return (new CodeCheckResult(CodeCheck.TooManyAttempts, 0), state);
            }
        }

        var verdict = SecondFactorLockout.AfterFailure(counters, now, settings);
        var counted = state with { TotalFailures = verdict.Counters.Failures, LockedUntil = verdict.Counters.LockedUntil?.ToUnixTimeSeconds() };
        return verdict.LockedNow
            ? (MfaLockout.Refusal, counted)
            : (new CodeCheckResult(CodeCheck.Wrong, sentCode ? left - 1 : verdict.FailuresLeft), counted with { CodeFailures = state.CodeFailures + 1 });
    }

    /// <summary>The enrolled code method for the chosen kind; for "the method on file" the one last used.</summary>
    private async Task<MfaMethod?> CodeMethodAsync(IdentityHubUser user, MfaMethodKind? kind, CancellationToken cancellationToken) =>
        (await methods.ListAsync(user.Id, cancellationToken))
            .Where(methods.Counts)
            .FirstOrDefault(method => kind is null ? method.Descriptor().SendsCode : method.Kind == kind);

    private PasswordResetState Sent(PasswordResetState state, MfaMethodKind kind, DateTimeOffset now) => state with
    {
        Sends = state.Sends.Where(send => At(send.At) > now - Hour).TakeLast(Math.Max(1, Settings.MaxCodesPerHour))
            .Append(new ResetSend(kind, now.ToUnixTimeSeconds())).ToList(),
        CodeFailures = 0,
    };

    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
}
