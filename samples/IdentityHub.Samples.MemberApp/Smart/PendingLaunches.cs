using Microsoft.Extensions.Caching.Memory;

namespace IdentityHub.Samples.MemberApp.Smart;

/// <summary>What the app remembers between sending the member to IdentityHub and their return.</summary>
public sealed record PendingLaunch(string CodeVerifier, string TokenEndpoint, string? Issuer);

/// <summary>
/// The launches under way, keyed by their <c>state</c>, for ten minutes. Each is taken once: a second callback with
/// the same state finds nothing. The browser also holds the state in a cookie, so a callback that this browser did
/// not start (a forged link with someone else's code) is refused.
/// </summary>
public sealed class PendingLaunches(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public void Add(string state, PendingLaunch launch) => cache.Set(Key(state), launch, Lifetime);

    public PendingLaunch? Take(string state)
    {
        if (!cache.TryGetValue(Key(state), out PendingLaunch? launch))
        {
            return null;
        }

        cache.Remove(Key(state));
        return launch;
    }

    private static string Key(string state) => "launch:" + state;
}
