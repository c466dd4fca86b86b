using System.Security.Cryptography;
using IdentityHub.Core.Clients;
using IdentityHub.Data;
using IdentityHub.Data.Sessions;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace IdentityHub.Accounts;

/// <summary>
/// The back-channel logout tokens owed when sessions end (OpenID Connect Back-Channel Logout 1.0): one
/// <see cref="LogoutDelivery"/> per portal of each session that registered a back-channel logout URI. Added to the
/// context only, so the caller writes them in the transaction that ends the sessions and none is lost; the token
/// server's sender job posts them from any node.
/// </summary>
public sealed class LogoutDeliveryQueue(IdentityHubDbContext db, IOpenIddictApplicationManager applications, TimeProvider time)
{
    /// <summary>Adds the deliveries for sessions that have just ended (id and owner); returns how many.</summary>
    public async Task<int> AddForAsync(IReadOnlyCollection<(string SessionId, string UserId)> ended, CancellationToken cancellationToken = default)
    {
        if (ended.Count == 0)
        {
            return 0;
        }

        var owners = ended.ToDictionary(session => session.SessionId, session => session.UserId, StringComparer.Ordinal);
        var ids = owners.Keys.ToList();
        var clients = await db.SessionClients.AsNoTracking().Where(c => ids.Contains(c.SessionId))
            .Select(c => new { c.SessionId, c.ClientId }).ToListAsync(cancellationToken);
        var uris = new Dictionary<string, Uri?>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var client in clients)
        {
            if (!uris.TryGetValue(client.ClientId, out var uri))
            {
                uris[client.ClientId] = uri = await BackChannelUriAsync(client.ClientId, cancellationToken);
            }

            if (uri is null)
            {
                continue;
            }

            db.LogoutDeliveries.Add(new LogoutDelivery
            {
                Id = RandomNumberGenerator.GetHexString(32, lowercase: true),
                SessionId = client.SessionId,
                ClientId = client.ClientId,
                UserId = owners[client.SessionId],
                Uri = uri.AbsoluteUri,
                CreatedAt = now,
                NextAttemptAt = now,
            });
            added++;
        }

        return added;
    }

    private async Task<Uri?> BackChannelUriAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return null; // a client deleted since (or a made-up id noted on one's own session)
        }

        var uri = ClientSettings.From(await applications.GetPropertiesAsync(application, cancellationToken)).BackChannelLogoutUri;
        return uri is { IsAbsoluteUri: true } && uri.AbsoluteUri.Length <= 2000 ? uri : null;
    }
}
