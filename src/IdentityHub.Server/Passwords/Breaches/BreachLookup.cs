namespace IdentityHub.Server.Passwords.Breaches;

/// <summary>What the range API said about a password.</summary>
public enum BreachVerdict
{
    /// <summary>Not seen, or seen fewer times than <c>MinimumCount</c>.</summary>
    NotFound,

    /// <summary>Seen in breaches at least <c>MinimumCount</c> times.</summary>
    Breached,

    /// <summary>The service did not answer in time or answered with an error.</summary>
    Unavailable,
}

/// <summary>The outcome of one lookup; <paramref name="Problem"/> says why the service was unavailable, for the log.</summary>
public sealed record BreachLookup(BreachVerdict Verdict, string? Problem = null)
{
    public static readonly BreachLookup NotFound = new(BreachVerdict.NotFound);

    public static readonly BreachLookup Breached = new(BreachVerdict.Breached);

    public static BreachLookup Unavailable(string problem) => new(BreachVerdict.Unavailable, problem);
}
