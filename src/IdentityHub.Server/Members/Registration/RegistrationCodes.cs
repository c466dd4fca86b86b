using IdentityHub.Core.Mfa;
using IdentityHub.Delivery;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Members.Registration;

/// <summary>What a send or a check of the registration code left: the state to keep and, when refused, why.</summary>
public sealed record CodeStep(RegistrationState State, string? Error, bool Accepted = false, bool StartAgain = false);

/// <summary>
/// The code that proves the new account's email (A15): the MFA codes' length, lifetime, tries and cooldown
/// (<c>IdentityHub:Mfa:Codes</c>), made and hashed by <see cref="OneTimeCodes"/> and checked by <see cref="CodeVerifier"/>,
/// bound to this registration; the code message is the portal's (M4). Only its salted hash is kept, in the state.
/// After <see cref="CodeSettings.MaxFailuresPerAccount"/> wrong tries over all its codes the registration ends.
/// </summary>
public sealed class RegistrationCodes(
    IMessageSender sender,
    CodeTemplates templates,
    ClientPolicies policies,
    CodeMessagesForPeople messages,
    AuditLog audit,
    IOptionsMonitor<IdentityHubOptions> options,
    TimeProvider time)
{
    public const string Purpose = "registration";

    public CodeSettings Settings => options.CurrentValue.Mfa.Codes;

    /// <summary>Sends a new code to the state's email, unless the cooldown or the hourly cap says wait.</summary>
    public async Task<CodeStep> SendAsync(RegistrationState state, string? clientId, string? languageTag, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var check = ResendRules.Check(state.Sends.Select(DateTimeOffset.FromUnixTimeSeconds), now, Settings);
        if (check.Decision != ResendDecision.Allowed)
        {
            var wait = check.Decision == ResendDecision.CoolingDown ? (SendResult)new SendResult.TooSoon(check.RetryAfter) : new SendResult.HourlyCapReached();
            return new CodeStep(state, messages.For(wait, null));
        }

        var code = OneTimeCodes.Generate(Settings.Length);
        var issued = IssuedCode.Issue(code, Purpose, state.Id, now, Settings);
        var policy = await policies.ForAsync(clientId, cancellationToken);
        var language = SupportedLanguages.Current;
        var (subject, body) = CodeMessages.Render(templates.For(policy.ClientId, language, languageTag), CodeChannel.Email, code, templates.PortalName(policy, language));
        var outcome = await sender.SendAsync(new DeliveryMessage(DeliveryKind.Email, state.Email!, subject, body, state.Reference), cancellationToken);
        var masked = Destinations.MaskEmail(state.Email!);
        await audit.RecordAsync("member.registration_code_sent", outcome is DeliveryOutcome.Sent ? "sent" : "not_delivered", userId: null, policy.ClientId,
            $"to {masked}", state.Reference, cancellationToken);
        var sent = state with
        {
            CodeSalt = issued.Salt,
            CodeHash = issued.Hash,
            CodeFailures = 0,
            Sends = [.. state.Sends.Where(at => at > (now - TimeSpan.FromHours(1)).ToUnixTimeSeconds()), now.ToUnixTimeSeconds()],
        };
        return outcome is DeliveryOutcome.Sent
            ? new CodeStep(sent, null)
            : new CodeStep(sent, messages.For(new SendResult.NotDelivered(state.Reference), policy.HelpDeskPhone));
    }

    /// <summary>Checks what was typed against the last code sent.</summary>
    public CodeStep Verify(RegistrationState state, string entered)
    {
        if (state.CodeHash is null || state.CodeSalt is null || state.Sends.Count == 0)
        {
            return new CodeStep(state, messages.For(new CodeCheckResult(CodeCheck.Expired, 0), Settings));
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(state.Sends[^1]);
        var issued = new IssuedCode(state.CodeHash, state.CodeSalt, Purpose, state.Id, issuedAt, issuedAt + Settings.Lifetime, state.CodeFailures, null);
        var result = CodeVerifier.Check(issued, entered, Purpose, state.Id, time.GetUtcNow(), Settings);
        if (result.Outcome == CodeCheck.Accepted)
        {
            return new CodeStep(state, null, Accepted: true);
        }

        if (result.Outcome != CodeCheck.Wrong)
        {
            return new CodeStep(state, messages.For(result, Settings));
        }

        var counted = state with { CodeFailures = state.CodeFailures + 1, TotalFailures = state.TotalFailures + 1 };
        return counted.TotalFailures >= Settings.MaxFailuresPerAccount
            ? new CodeStep(counted, null, StartAgain: true)
            : new CodeStep(counted, messages.For(result, Settings));
    }
}
