using System.Collections.Concurrent;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Connect.Clients;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Telemetry;

/// <summary>
/// The <c>client_id</c> tag: a registered portal's client id, or <c>other</c>. A sign-in page's client id comes from
/// its return URL, which anyone can write, so it is a tag only once this node knows the client: configured in
/// <c>IdentityHub:Clients</c>, or read from the database by this node (the authorization request before the sign-in
/// page does that). Bounded, so junk never grows the series.
/// </summary>
public sealed class ClientTags(IOptionsMonitor<IdentityHubOptions> options, ClientSnapshots snapshots)
{
    public const string None = "none";
    private const int MaximumClients = 1_000;

    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);
    private bool _seeded;

    public string For(string? clientId)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            return None;
        }

        if (!_seeded)
        {
            foreach (var client in options.CurrentValue.Clients)
            {
                Learn(client.ClientId);
            }

            _seeded = true;
        }

        if (_known.TryGetValue(clientId, out var known))
        {
            return known;
        }

        return snapshots.FindByClientId(clientId) is not null && Learn(clientId) ? clientId : TagWords.Other;
    }

    /// <summary>A client the server authenticated or validated (the token endpoint's): always a fair tag, within the bound.</summary>
    public string Validated(string? clientId) =>
        string.IsNullOrEmpty(clientId) ? None : _known.TryGetValue(clientId, out var known) ? known : Learn(clientId) ? clientId : TagWords.Other;

    private bool Learn(string? clientId) =>
        clientId is { Length: > 0 and <= 100 } && (_known.ContainsKey(clientId) || (_known.Count < MaximumClients && _known.TryAdd(clientId, clientId)) || _known.ContainsKey(clientId));
}
