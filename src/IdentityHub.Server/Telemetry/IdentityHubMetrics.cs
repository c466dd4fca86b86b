using System.Diagnostics;
using System.Diagnostics.Metrics;
using IdentityHub.Core.Mfa;
using IdentityHub.Delivery.Telemetry;
using IdentityHub.Server.Throttling;

namespace IdentityHub.Server.Telemetry;

/// <summary>
/// The token server's instruments on the <c>IdentityHub</c> meter (docs/operations.md, "Metrics"): sign-ins,
/// second-factor checks, lockouts, tokens and rate-limit refusals. Recorded where the events are audited, so the
/// numbers and the audit log tell one story. Tags are fixed words and registered client ids only (never a name,
/// address, phone or network address); without a listener each call costs next to nothing.
/// </summary>
public sealed class IdentityHubMetrics
{
    private static readonly HashSet<string> KnownGrants = new(StringComparer.Ordinal)
    {
        "authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code",
        "urn:ietf:params:oauth:grant-type:token-exchange", "urn:ietf:params:oauth:grant-type:jwt-bearer",
    };

    private readonly ClientTags _clients;
    private readonly Counter<long> _signInAttempts;
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _secondFactors;
    private readonly Counter<long> _lockouts;
    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _tokensRefused;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _overloaded;
    private readonly Histogram<double> _overloadWaits;

    public IdentityHubMetrics(IMeterFactory meters, ClientTags clients, OverloadLimiters overload)
    {
        ArgumentNullException.ThrowIfNull(overload);
        ArgumentNullException.ThrowIfNull(meters);
        _clients = clients;
        var meter = meters.Create(DeliveryMetrics.MeterName);
        _signInAttempts = meter.CreateCounter<long>("identityhub.sign_in.attempts", "{attempt}",
            "First-factor attempts (password or passkey) by factor, outcome and client.");
        _signIns = meter.CreateCounter<long>("identityhub.sign_ins", "{sign-in}",
            "Sign-ins and step-ups that passed every check (or were refused at the end), by kind, outcome and client.");
        _secondFactors = meter.CreateCounter<long>("identityhub.mfa.checks", "{check}",
            "Second-factor checks by method (email, sms, voice, totp, passkey, recovery_code) and outcome.");
        _lockouts = meter.CreateCounter<long>("identityhub.lockouts", "{lockout}",
            "Accounts locked: by wrong passwords (password) or wrong second factors (second_factor).");
        _tokensIssued = meter.CreateCounter<long>("identityhub.tokens.issued", "{response}",
            "Token responses by grant type and client.");
        _tokensRefused = meter.CreateCounter<long>("identityhub.tokens.refused", "{response}",
            "Token requests refused, by grant type and OAuth error.");
        _rateLimited = meter.CreateCounter<long>("identityhub.rate_limit.refusals", "{request}",
            "Requests counted over a rate limit, by policy (docs/throttling.md).");
        _overloaded = meter.CreateCounter<long>("identityhub.overload.refusals", "{request}",
            "Requests answered 503 at once because their endpoint group was full, by group (docs/throttling.md).");
        _overloadWaits = meter.CreateHistogram<double>("identityhub.overload.queue.duration", "s",
            "How long requests waited in their endpoint group's queue (then admitted, or refused when the wait ran out), by group.");
        meter.CreateObservableGauge("identityhub.overload.queued", () => overload.All.Select(group => Measure(group.Queued, group)), "{request}",
            "Requests waiting in their endpoint group's queue now, by group.");
        meter.CreateObservableGauge("identityhub.overload.in_progress", () => overload.All.Select(group => Measure(group.InProgress, group)), "{request}",
            "Requests holding one of their endpoint group's turns now, by group.");
    }

    /// <summary>An audit event (<see cref="Audit.AuditLog"/>): the events that have an instrument count on it.</summary>
    public void Observe(string @event, string outcome, string? clientId)
    {
        switch (@event)
        {
            case "sign_in.password" when outcome != "unlocked_by_owner": // the second event of an attempt already counted
                _signInAttempts.Add(1, new TagList { { "factor", "password" }, { "outcome", TagWords.Of(outcome) }, { "client_id", _clients.For(clientId) } });
                break;
            case "sign_in.passkey":
                _signInAttempts.Add(1, new TagList { { "factor", "passkey" }, { "outcome", TagWords.Of(outcome) }, { "client_id", _clients.For(clientId) } });
                break;
            case "sign_in" or "step_up":
                _signIns.Add(1, new TagList { { "kind", @event }, { "outcome", TagWords.Of(outcome) }, { "client_id", _clients.For(clientId) } });
                break;
            case "mfa.totp_checked":
                SecondFactor("totp", outcome);
                break;
            case "mfa.recovery_code_used":
                SecondFactor("recovery_code", outcome);
                break;
            case "mfa.passkey_verified":
                SecondFactor("passkey", outcome);
                break;
            case "mfa.locked":
                _lockouts.Add(1, new KeyValuePair<string, object?>("kind", "second_factor"));
                break;
        }
    }

    /// <summary>A one-time code checked (sign-in, step-up, enrollment, reset), by the method it was sent through.</summary>
    public void CodeChecked(MfaMethodKind method, CodeCheck outcome) =>
        _secondFactors.Add(1, new TagList { { "method", TagWords.Of(method) }, { "outcome", TagWords.Of(outcome) } });

    /// <summary>Wrong passwords locked an account (not: a locked account tried again).</summary>
    public void PasswordLockout() => _lockouts.Add(1, new KeyValuePair<string, object?>("kind", "password"));

    public void TokenIssued(string? grantType, string? clientId) =>
        _tokensIssued.Add(1, new TagList { { "grant_type", Grant(grantType) }, { "client_id", _clients.Validated(clientId) } });

    public void TokenRefused(string? grantType, string? error) =>
        _tokensRefused.Add(1, new TagList { { "grant_type", Grant(grantType) }, { "error", string.IsNullOrEmpty(error) ? TagWords.Other : TagWords.Of(error) } });

    /// <summary>A request over a limit; <paramref name="policy"/> is one of the throttling policies' fixed names.</summary>
    public void RateLimited(string policy) => _rateLimited.Add(1, new KeyValuePair<string, object?>("policy", TagWords.Of(policy)));

    /// <summary>A request refused by the overload limits; <paramref name="group"/> is one of the fixed group names.</summary>
    public void Overloaded(string group) => _overloaded.Add(1, new KeyValuePair<string, object?>("group", group));

    /// <summary>A request waited this long in its endpoint group's queue for a turn (or until its wait ran out).</summary>
    public void Queued(string group, TimeSpan waited) => _overloadWaits.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("group", group));

    private static Measurement<long> Measure(long value, EndpointGroup group) => new(value, new KeyValuePair<string, object?>("group", group.Name));

    private void SecondFactor(string method, string outcome) =>
        _secondFactors.Add(1, new TagList { { "method", method }, { "outcome", TagWords.Of(outcome) } });

    private static string Grant(string? grantType) =>
        grantType is null ? "none" : KnownGrants.TryGetValue(grantType, out var known) ? known : TagWords.Other;
}
