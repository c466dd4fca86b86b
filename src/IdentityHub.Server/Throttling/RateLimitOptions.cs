namespace IdentityHub.Server.Throttling;

/// <summary>
/// <c>IdentityHub:RateLimits</c>: how many requests each partition (a network address, an account, a
/// client) may make in a window, shared by every node (docs/throttling.md, decision 0012).
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>A StackExchange.Redis connection string; empty counts in the database.</summary>
    public string? Redis { get; set; }

    /// <summary>How often each node deletes windows that have ended.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(5);

    public RateLimitRule SignInPerAddress { get; set; } = new(30, TimeSpan.FromMinutes(1));

    /// <summary>Per username and network address: a stranger's attempts never use up the owner's.</summary>
    public RateLimitRule SignInPerAccount { get; set; } = new(10, TimeSpan.FromMinutes(15));

    /// <summary>"Request a new code" and "Try another method", on the sign-in challenge and in forgot password.</summary>
    public RateLimitRule CodeSendPerAddress { get; set; } = new(20, TimeSpan.FromMinutes(15));

    public RateLimitRule CodeSendPerAccount { get; set; } = new(10, TimeSpan.FromMinutes(15));

    /// <summary>Codes typed (sent codes, app codes, recovery codes) on the challenge and in forgot password.</summary>
    public RateLimitRule CodeVerifyPerAddress { get; set; } = new(30, TimeSpan.FromMinutes(5));

    public RateLimitRule CodeVerifyPerAccount { get; set; } = new(15, TimeSpan.FromMinutes(5));

    public RateLimitRule ForgotUsernamePerAddress { get; set; } = new(10, TimeSpan.FromMinutes(15));

    public RateLimitRule ForgotUsernamePerEmail { get; set; } = new(5, TimeSpan.FromMinutes(15));

    public RateLimitRule ForgotPasswordPerAddress { get; set; } = new(10, TimeSpan.FromMinutes(15));

    /// <summary>Per username and network address, like sign-in.</summary>
    public RateLimitRule ForgotPasswordPerAccount { get; set; } = new(5, TimeSpan.FromMinutes(15));

    /// <summary>Registration requests sent from the public page (D2) per network address.</summary>
    public RateLimitRule RegistrationPerAddress { get; set; } = new(10, TimeSpan.FromHours(1));

    /// <summary>Registration requests naming an email address (as primary or secondary administrator): each one emails it.</summary>
    public RateLimitRule RegistrationPerEmail { get; set; } = new(5, TimeSpan.FromHours(1));

    /// <summary>Membership proofs checked against the roster when a member creates an account (A15), per network address.</summary>
    public RateLimitRule MemberProofPerAddress { get; set; } = new(10, TimeSpan.FromHours(1));

    /// <summary>Membership proofs per member id (normalized), from anywhere: guessing one member's details stops here.</summary>
    public RateLimitRule MemberProofPerMember { get; set; } = new(5, TimeSpan.FromDays(1));

    /// <summary>Failed client authentications at the token endpoint per client id; then 429 until the window ends.</summary>
    public RateLimitRule TokenClientFailures { get; set; } = new(20, TimeSpan.FromMinutes(1));

    /// <summary>The settings check's complaints, each naming its key.</summary>
    public IEnumerable<string> Validate(string prefix)
    {
        if (CleanupInterval <= TimeSpan.Zero)
        {
            yield return $"{prefix}:CleanupInterval must be a positive duration (for example 00:05:00).";
        }

        foreach (var (name, rule) in Rules())
        {
            if (rule.Limit is < 1 or > 1_000_000)
            {
                yield return $"{prefix}:{name}:Limit must be between 1 and 1000000.";
            }

            if (rule.Window < TimeSpan.FromSeconds(1) || rule.Window > TimeSpan.FromDays(1))
            {
                yield return $"{prefix}:{name}:Window must be between 00:00:01 and 1.00:00:00.";
            }
        }
    }

    /// <summary>Every rule with its configuration name, for the settings check.</summary>
    public IEnumerable<(string Name, RateLimitRule Rule)> Rules() =>
    [
        (nameof(SignInPerAddress), SignInPerAddress), (nameof(SignInPerAccount), SignInPerAccount),
        (nameof(CodeSendPerAddress), CodeSendPerAddress), (nameof(CodeSendPerAccount), CodeSendPerAccount),
        (nameof(CodeVerifyPerAddress), CodeVerifyPerAddress), (nameof(CodeVerifyPerAccount), CodeVerifyPerAccount),
        (nameof(ForgotUsernamePerAddress), ForgotUsernamePerAddress), (nameof(ForgotUsernamePerEmail), ForgotUsernamePerEmail),
        (nameof(ForgotPasswordPerAddress), ForgotPasswordPerAddress), (nameof(ForgotPasswordPerAccount), ForgotPasswordPerAccount),
        (nameof(RegistrationPerAddress), RegistrationPerAddress), (nameof(RegistrationPerEmail), RegistrationPerEmail),
        (nameof(MemberProofPerAddress), MemberProofPerAddress), (nameof(MemberProofPerMember), MemberProofPerMember),
        (nameof(TokenClientFailures), TokenClientFailures),
    ];
}

/// <summary>At most <see cref="Limit"/> requests per fixed window of <see cref="Window"/>.</summary>
public sealed class RateLimitRule
{
    public RateLimitRule()
    {
    }

    public RateLimitRule(int limit, TimeSpan window) => (Limit, Window) = (limit, window);

    public int Limit { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary><c>IdentityHub:Network</c>: which peers may say where a request came from.</summary>
public sealed class NetworkOptions
{
    /// <summary>
    /// Addresses (<c>10.0.0.5</c>) and ranges (<c>10.0.0.0/8</c>) of the proxies and load balancers in
    /// front of the server. Only from these is <c>X-Forwarded-For</c> believed. Empty by default.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    public IEnumerable<string> Validate(string prefix) =>
        TrustedProxies.Select((entry, index) => (entry, index))
            .Where(item => ClientAddresses.Parse(item.entry ?? "") is null)
            .Select(item => $"{prefix}:TrustedProxies:{item.index} must be an IP address (10.0.0.5) or a range (10.0.0.0/8); '{item.entry}' is neither.");
}
