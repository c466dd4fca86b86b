using IdentityHub.Core.Mfa;
using IdentityHub.Data;
using IdentityHub.Data.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Wording;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Mfa;

/// <summary>What happened when a code was asked for.</summary>
public abstract record SendResult
{
    public sealed record Sent(string MaskedDestination, string Reference) : SendResult;

    public sealed record TooSoon(TimeSpan RetryAfter) : SendResult;

    public sealed record HourlyCapReached : SendResult;

    public sealed record NotDelivered(string Reference) : SendResult;
}

/// <summary>
/// Issues one-time codes (M3) and checks them: a code is stored only as a salted hash, bound to a
/// purpose and to the attempt or enrollment it was issued for, and counts wrong tries per code and
/// per account.
/// </summary>
public sealed class CodeChallenges(
    IdentityHubDbContext db,
    IMessageSender sender,
    MfaLockout lockout,
    AuditLog audit,
    CodeTemplates templates,
    IOptionsMonitor<IdentityHubOptions> options,
    TimeProvider time,
    Telemetry.IdentityHubMetrics metrics)
{
    private CodeSettings Settings => options.CurrentValue.Mfa.Codes;

    /// <summary>
    /// Sends a code. <paramref name="reference"/>: the support reference of the attempt the code belongs to, which the
    /// page already shows (decision 0021); a new one when null.
    /// </summary>
    public async Task<SendResult> SendAsync(IdentityHubUser user, MfaMethodKind kind, string destination, string purpose, string binding, ClientPolicy policy, string? language, string? reference = null, CancellationToken cancellationToken = default) =>
        (await SendAsync(user, kind, destination, purpose, binding, policy, language, firstOnly: false, reference, cancellationToken))!;

    /// <summary>
    /// Sends the first code of a challenge, or nothing (null) when a code was already issued for this purpose
    /// and binding in the last hour: the page shown again, or open in a second tab. One query answers both
    /// this and the sending limits. A code lives at most an hour, so an older one has expired and a new one is due.
    /// </summary>
    public Task<SendResult?> SendFirstAsync(IdentityHubUser user, MfaMethodKind kind, string destination, string purpose, string binding, ClientPolicy policy, string? language, string? reference = null, CancellationToken cancellationToken = default) =>
        SendAsync(user, kind, destination, purpose, binding, policy, language, firstOnly: true, reference, cancellationToken);

    private async Task<SendResult?> SendAsync(IdentityHubUser user, MfaMethodKind kind, string destination, string purpose, string binding, ClientPolicy policy, string? language, bool firstOnly, string? attemptReference, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        var recent = await db.OneTimeCodes.Where(code => code.UserId == user.Id && code.IssuedAt > hourAgo)
            .Select(code => new { code.IssuedAt, code.Binding, code.Purpose, code.Kind, code.SentTo }).ToListAsync(cancellationToken);
        if (firstOnly && recent.Any(code => code.Binding == binding && code.Purpose == purpose))
        {
            return null;
        }

        // The hourly cap counts every code sent to the user; the cooldown only "Request a new code"
        // to the same destination in this attempt (or enrollment), so neither a new sign-in nor
        // "Try another method" is told to wait.
        var method = MfaMethods.Of(kind);
        var channel = method.Channel ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a method that sends codes.");
        var masked = method.Mask(destination);
        var cap = ResendRules.Check(recent.Select(code => code.IssuedAt), now, Settings);
        var cooldown = ResendRules.Check(
            recent.Where(code => code.Binding == binding && code.Kind == kind && code.SentTo == masked).Select(code => code.IssuedAt), now, Settings);
        var resend = cap.Decision == ResendDecision.HourlyCapReached ? cap : cooldown;
        if (resend.Decision != ResendDecision.Allowed)
        {
            await audit.RecordAsync("mfa.code_requested", resend.Decision.ToString(), user.Id, policy.ClientId, cancellationToken: cancellationToken);
            return resend.Decision == ResendDecision.CoolingDown ? new SendResult.TooSoon(resend.RetryAfter) : new SendResult.HourlyCapReached();
        }

        var code = OneTimeCodes.Generate(Settings.Length);
        db.OneTimeCodes.Add(OneTimeCodeRecord.From(IssuedCode.Issue(code, purpose, binding, now, Settings), user.Id, kind, masked));
        await db.SaveChangesAsync(cancellationToken);

        var reference = attemptReference ?? AuditLog.NewReference();
        // The person's language (saved on their account, else the page's); the browser's tag only picks a regional template.
        var reader = SavedLanguage.For(user);
        var template = templates.For(policy.ClientId, reader, language);
        var (subject, body) = CodeMessages.Render(template, channel, code, templates.PortalName(policy, reader));
        var outcome = await sender.SendAsync(new DeliveryMessage(DeliveryKindOf(channel), destination, subject, body, reference), cancellationToken);
        var (result, detail) = outcome switch
        {
            DeliveryOutcome.Sent sent => ("sent", $"{kind} to {masked} via {sent.Channel}"),
            DeliveryOutcome.Throttled throttled => ("throttled", $"{kind} to {masked}: {throttled.Reason}"),
            DeliveryOutcome.Failed failed => ("failed", $"{kind} to {masked}: {failed.Reason}"),
            _ => ("failed", $"{kind} to {masked}"),
        };
        await audit.RecordAsync("mfa.code_sent", result, user.Id, policy.ClientId, detail, reference, cancellationToken);
        return outcome is DeliveryOutcome.Sent ? new SendResult.Sent(masked, reference) : new SendResult.NotDelivered(reference);
    }

    /// <summary>The newest code issued for this purpose and binding (older ones no longer count).</summary>
    public Task<OneTimeCodeRecord?> LatestAsync(string userId, string purpose, string binding, CancellationToken cancellationToken = default) =>
        db.OneTimeCodes.Where(code => code.UserId == userId && code.Purpose == purpose && code.Binding == binding)
            .OrderByDescending(code => code.IssuedAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Checks the code last issued for this purpose and binding. <paramref name="method"/>, the enrolled
    /// method it was sent to, is marked as used when the code is right, in the same save as the code.
    /// </summary>
    public async Task<CodeCheckResult> VerifyAsync(IdentityHubUser user, string purpose, string binding, string entered, string? clientId, MfaMethod? method = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var record = await LatestAsync(user.Id, purpose, binding, cancellationToken);
        if (record is null)
        {
            return new CodeCheckResult(CodeCheck.Expired, 0);
        }

        var result = lockout.IsLocked(user) ? MfaLockout.Refusal : CodeVerifier.Check(record.ToIssuedCode(), entered, purpose, binding, now, Settings);
        switch (result.Outcome)
        {
            case CodeCheck.Accepted:
                record.UsedAt = now;
                method?.LastUsedAt = now;
                break;
            case CodeCheck.Wrong:
                record.FailedAttempts++;
                break;
        }

        result = lockout.Apply(user, result, $"{purpose} code", clientId);

        audit.Add("mfa.code_checked", result.Outcome.ToString(), user.Id, clientId, $"{purpose} code sent to {record.SentTo}");
        metrics.CodeChecked(record.Kind, result.Outcome);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private static DeliveryKind DeliveryKindOf(CodeChannel channel) => channel switch
    {
        CodeChannel.Email => DeliveryKind.Email,
        CodeChannel.Sms => DeliveryKind.Sms,
        _ => DeliveryKind.Voice,
    };
}
