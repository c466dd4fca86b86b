namespace IdentityHub.Server.Throttling;

/// <summary>
/// <c>IdentityHub:Overload</c>: how many requests of each endpoint group a node works on at once, and how many wait
/// for a turn (docs/throttling.md). A request that finds the queue full is answered 503 with <c>Retry-After</c> at
/// once, so a burst beyond what the node can do costs its excess a quick retry instead of costing everyone a long
/// wait. Read at start-up.
/// </summary>
public sealed class OverloadOptions
{
    /// <summary>Whether the limits apply at all (on by default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What <c>Retry-After</c> says to a refused request.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The token, introspection, revocation, pushed authorization, userinfo and registration endpoints: portals' back ends retry.</summary>
    public ConcurrencyLimit Tokens { get; set; } = new() { MaxQueueTime = TimeSpan.FromMilliseconds(250) };

    /// <summary>
    /// The authorization and end-session endpoints: each one a browser redirect a person waits for. A second's wait
    /// serves them better than the busy page (the benchmark's 16 signed-in browsers on one slow core met 250 ms).
    /// </summary>
    public ConcurrencyLimit Authorization { get; set; } = new() { MaxQueueTime = TimeSpan.FromSeconds(1) };

    /// <summary>The pages people fill in (sign-in, codes, account), where a password hash takes a core for a while: people wait longer before being told to retry.</summary>
    public ConcurrencyLimit Pages { get; set; } = new() { MaxQueueTime = TimeSpan.FromSeconds(3) };

    /// <summary>The settings check's complaints, each naming its key.</summary>
    public IEnumerable<string> Validate(string prefix)
    {
        if (RetryAfter < TimeSpan.FromSeconds(1) || RetryAfter > TimeSpan.FromMinutes(10))
        {
            yield return $"{prefix}:RetryAfter must be between 00:00:01 and 00:10:00.";
        }

        foreach (var (name, limit) in new[] { (nameof(Tokens), Tokens), (nameof(Authorization), Authorization), (nameof(Pages), Pages) })
        {
            if (limit.ConcurrentRequests is < 1 or > 100_000)
            {
                yield return $"{prefix}:{name}:ConcurrentRequests must be between 1 and 100000 (or left out for the default per core).";
            }

            if (limit.Queue is < 0 or > 1_000_000)
            {
                yield return $"{prefix}:{name}:Queue must be between 0 and 1000000 (or left out for the default per core).";
            }

            if (limit.MaxQueueTime <= TimeSpan.Zero || limit.MaxQueueTime > TimeSpan.FromMinutes(1))
            {
                yield return $"{prefix}:{name}:MaxQueueTime must be a positive duration of at most a minute (for example 00:00:00.025).";
            }
        }
    }
}

/// <summary>One endpoint group's limit; left out, each is a multiple of the node's cores.</summary>
public sealed class ConcurrencyLimit
{
    /// <summary>Requests worked on at once; default 4 per core (more only share the core and each takes longer).</summary>
    public int? ConcurrentRequests { get; set; }

    /// <summary>Requests waiting for a turn, oldest first; default 16 per core.</summary>
    public int? Queue { get; set; }

    /// <summary>How long a request waits for a turn before it is refused (a full queue refuses at once).</summary>
    public TimeSpan MaxQueueTime { get; set; } = TimeSpan.FromSeconds(1);

    public const int DefaultConcurrentRequestsPerCore = 4;

    public const int DefaultQueuePerCore = 16;

    public int ConcurrentRequestsFor(int cores) => ConcurrentRequests ?? DefaultConcurrentRequestsPerCore * cores;

    public int QueueFor(int cores) => Queue ?? DefaultQueuePerCore * cores;
}
