using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace IdentityHub.Samples.Portal;

/// <summary>
/// Keeps each portal session (with its saved tokens) in memory, so that the cookie carries only a
/// key. With the tokens inside, the cookie is about 10 KB; three portals on localhost would send
/// all of them with every request. Sessions end when the portal restarts; a production portal
/// would use a shared store such as a distributed cache.
/// </summary>
public sealed class MemoryTicketStore(IMemoryCache cache) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = "portal-session:" + Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var entry = new MemoryCacheEntryOptions();
        if (ticket.Properties.ExpiresUtc is { } expires)
        {
            entry.SetAbsoluteExpiration(expires);
        }

        cache.Set(key, ticket, entry);
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        Task.FromResult(cache.TryGetValue(key, out AuthenticationTicket? ticket) ? ticket : null);

    public Task RemoveAsync(string key)
    {
        cache.Remove(key);
        return Task.CompletedTask;
    }
}
