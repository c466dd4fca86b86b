using Microsoft.Net.Http.Headers;

namespace IdentityHub.Admin.Api;

/// <summary>
/// Versions on the wire: a resource's <c>ETag</c> is its version in quotes; a change must send it back in
/// <c>If-Match</c>, so that two administrators editing one record do not overwrite each other.
/// </summary>
internal static class Versions
{
    public static string ToETag(string version) => $"\"{version}\"";

    /// <summary>The version named by <c>If-Match</c>, or null when the header is missing, a wildcard or unreadable.</summary>
    public static string? FromIfMatch(HttpRequest request)
    {
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfMatch, out var tags) || tags.Count != 1 || tags[0].Equals(EntityTagHeaderValue.Any))
        {
            return null;
        }

        var tag = tags[0].Tag.Value;
        return tag is { Length: > 2 } ? tag[1..^1] : null;
    }
}
