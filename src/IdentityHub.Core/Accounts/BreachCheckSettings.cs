namespace IdentityHub.Core.Accounts;

/// <summary>
/// The optional check of a new password against a Pwned Passwords-compatible range API, bound from
/// <c>IdentityHub:Passwords:BreachCheck</c>. Off unless configured; there is no default service, so
/// turning it on means choosing one (the public service or a self-hosted copy of the data).
/// </summary>
public sealed class BreachCheckSettings
{
    /// <summary>The default for <see cref="Timeout"/>: a page waits on the check, so it must be short.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The longest <see cref="Timeout"/> allowed.</summary>
    public static readonly TimeSpan GreatestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Whether new passwords are checked. <see langword="false"/> unless configured.</summary>
    public bool Enabled { get; set; }

    /// <summary>The service's base address; the check asks for <c>{BaseUrl}/range/{first five hex digits}</c>. Required when enabled.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How many sightings in breaches make a password refused. At least 1.</summary>
    public int MinimumCount { get; set; } = 1;

    /// <summary>The longest the check may hold up the page, the retry included.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>
    /// When the service cannot be reached: <see langword="true"/> accepts the password (and logs a warning),
    /// <see langword="false"/> asks the user to try again later.
    /// </summary>
    public bool FailOpen { get; set; } = true;

    /// <summary>One message per problem, each naming the full key (<paramref name="keyPrefix"/> then the property).</summary>
    public IEnumerable<string> Validate(string keyPrefix)
    {
        var prefix = string.IsNullOrEmpty(keyPrefix) ? string.Empty : keyPrefix.TrimEnd(':') + ":";
        var problems = new List<string>();

        if (BaseUrl is null)
        {
            if (Enabled)
            {
                problems.Add($"{prefix}{nameof(BaseUrl)} is required when {prefix}{nameof(Enabled)} is true: the address of a Pwned Passwords-compatible range API.");
            }
        }
        else if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(BaseUrl.Query) || !string.IsNullOrEmpty(BaseUrl.Fragment))
        {
            problems.Add($"{prefix}{nameof(BaseUrl)} must be an absolute http(s) URL without a query string.");
        }

        if (MinimumCount < 1)
        {
            problems.Add($"{prefix}{nameof(MinimumCount)} must be at least 1.");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > GreatestTimeout)
        {
            problems.Add($"{prefix}{nameof(Timeout)} must be a positive duration of at most 00:00:30 (for example 00:00:03).");
        }

        return problems;
    }
}
