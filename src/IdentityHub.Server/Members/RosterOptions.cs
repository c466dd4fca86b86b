namespace IdentityHub.Server.Members;

/// <summary>
/// The <c>IdentityHub:Members:Roster</c> settings: which roster proves membership (A15) and, for the plan's
/// eligibility system, where it is and how hard to try. Bound on their own, like the delivery channels, because they
/// choose a backend and carry a secret; checked at start by <see cref="RosterOptionsValidator"/>.
/// </summary>
public sealed class RosterOptions
{
    public const string Section = "IdentityHub:Members:Roster";

    /// <summary><c>Imported</c> (the file loaded with <c>import-members</c>) or <c>Webhook</c> (the plan's eligibility system).</summary>
    public string Kind { get; set; } = RosterKinds.Imported;

    public RosterWebhookOptions Webhook { get; set; } = new();

    /// <summary>The canonical spelling of <see cref="Kind"/> (case-insensitive), or null when it is neither kind.</summary>
    internal string? KnownKind =>
        new[] { RosterKinds.Imported, RosterKinds.Webhook }.FirstOrDefault(kind => string.Equals(kind, Kind?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>The plan's eligibility system, asked with a signed JSON POST (docs/members.md).</summary>
public sealed class RosterWebhookOptions
{
    /// <summary>Where proofs are posted: https (plain http only in Development).</summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// The HMAC-SHA256 key shared with the plan, at least <see cref="RosterOptionsValidator.MinimumSecretLength"/>
    /// characters. From an environment variable or user secrets: start-up refuses it in an appsettings file.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long one request may take before it is abandoned (a person is waiting on the page).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public RosterResilienceOptions Resilience { get; set; } = new();

    /// <summary>The settings file that holds <see cref="Secret"/>, when one does (set at start, not bound): refused.</summary>
    internal string? SecretInSettingsFile { get; set; }
}

/// <summary>Retries and the circuit breaker in front of the eligibility system, as the delivery channels have.</summary>
public sealed class RosterResilienceOptions
{
    /// <summary>Retries after a refused connection or a 408, 429 or 5xx answer; a timeout is not retried.</summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>The first retry delay; it doubles each retry, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The share of failed attempts in the sampling window that opens the circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The number of attempts in the sampling window before the circuit can open.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The sampling window.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit answers "unavailable" at once before one trial request is let through.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
