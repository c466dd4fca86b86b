namespace IdentityHub.Core.Clients;

/// <summary>Browser origins (RFC 6454) as IdentityHub compares them: <c>scheme://host[:port]</c>, lower case, no default port.</summary>
public static class OriginNames
{
    /// <summary>
    /// The origin in its compared form, or null when <paramref name="value"/> is not exactly an http(s) origin (a path,
    /// even "/", a query, a fragment or user information make it something else).
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 200 || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo)
            || !string.Equals(uri.GetLeftPart(UriPartial.Authority), value, StringComparison.OrdinalIgnoreCase)
               && !string.Equals(uri.Scheme + "://" + uri.Authority + ":" + uri.Port, value, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    /// <summary>Whether the origin may be registered: https, or http on the local machine (development).</summary>
    public static bool IsRegistrable(string? value) =>
        Normalize(value) is { } origin && (origin.StartsWith("https://", StringComparison.Ordinal) || new Uri(origin).IsLoopback);
}
