using System.Security.Claims;

namespace IdentityHub.Samples.Api;

/// <summary>
/// Reads the scopes granted to an access token. RFC 9068 (and OpenIddict) write one "scope" claim
/// with space-separated values; other servers write one claim per scope. Both are read here.
/// </summary>
public static class ScopeClaims
{
    public const string Type = "scope";

    public static IReadOnlyList<string> Scopes(this ClaimsPrincipal user) =>
        [.. user.FindAll(Type).SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)];

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.Scopes().Contains(scope, StringComparer.Ordinal);
}
