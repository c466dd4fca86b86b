namespace IdentityHub.Administration;

/// <summary>
/// How an administrative action ended, the same for the API (status codes and problem details) and the
/// console (pages): done (with a warning to show, and the audit reference), invalid input per field, not
/// found (also for what the caller may not see, so ids leak nothing), not allowed, or a stale write.
/// </summary>
public abstract record AdminResult<T>
{
    public sealed record Done(T Value, string? Warning = null, string? Reference = null) : AdminResult<T>;

    /// <summary>Field name (as the API spells it) → what is wrong with it.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Problems) : AdminResult<T>;

    public sealed record NotFound : AdminResult<T>;

    public sealed record Forbidden(string Reason) : AdminResult<T>;

    /// <summary>Someone changed it since the caller read it; <paramref name="Current"/> is its version now.</summary>
    public sealed record Stale(string Current) : AdminResult<T>;

    /// <summary>The same answer about something else made from the value (what the caller may be shown of it).</summary>
    public AdminResult<TOut> Select<TOut>(Func<T, TOut> selector) => this switch
    {
        Done done => new AdminResult<TOut>.Done(selector(done.Value), done.Warning, done.Reference),
        Invalid invalid => new AdminResult<TOut>.Invalid(invalid.Problems),
        Forbidden forbidden => new AdminResult<TOut>.Forbidden(forbidden.Reason),
        Stale stale => new AdminResult<TOut>.Stale(stale.Current),
        _ => new AdminResult<TOut>.NotFound(),
    };
}

/// <summary>One page of a list, with the total so that a client can show "page 2 of 7".</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);
