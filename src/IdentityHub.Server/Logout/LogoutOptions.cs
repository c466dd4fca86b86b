namespace IdentityHub.Server.Logout;

/// <summary>Single logout: the settings under <c>IdentityHub:Logout</c> (docs/configuration.md, docs/sessions.md).</summary>
public sealed class LogoutOptions
{
    /// <summary>How long a portal has to answer one logout token post before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The waits before each retry of a failed post; after the last one fails the delivery is abandoned. The
    /// default (1 min, 5 min, 30 min, 2 h, 6 h, 15 h) gives up about a day after the session ended.
    /// </summary>
    public TimeSpan[] RetryDelays { get; set; } =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(15),
    ];

    /// <summary>How often each node looks for deliveries that are due (retries, and those queued by the admin host).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a logout token is valid after it is made (its <c>exp</c>).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether a session that ends because it sat idle (<c>Session:IdleTimeout</c>) logs its portals out too. Off by
    /// default: using a portal does not touch the server's session, so its idle end says nothing about the portal.
    /// </summary>
    public bool OnIdleTimeout { get; set; }

    /// <summary>The settings' problems, each naming its key under <paramref name="root"/>.</summary>
    public IEnumerable<string> Problems(string root)
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1))
        {
            yield return $"{root}:Timeout must be between 00:00:00.001 and 00:01:00.";
        }

        if (RetryDelays.Any(delay => delay <= TimeSpan.Zero))
        {
            yield return $"{root}:RetryDelays must all be positive.";
        }

        if (PollInterval < TimeSpan.FromSeconds(1) || PollInterval > TimeSpan.FromDays(1))
        {
            yield return $"{root}:PollInterval must be between 00:00:01 and 1.00:00:00.";
        }

        if (TokenLifetime <= TimeSpan.Zero)
        {
            yield return $"{root}:TokenLifetime must be positive.";
        }
    }
}
