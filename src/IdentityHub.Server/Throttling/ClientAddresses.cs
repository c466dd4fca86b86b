using System.Net;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Throttling;

/// <summary>
/// The network a request came from, for rate limits: the peer's address, or, when the peer
/// is one of <c>IdentityHub:Network:TrustedProxies</c>, the nearest address in <c>X-Forwarded-For</c>
/// that is not a trusted proxy. A client that is not a trusted proxy cannot choose its partition by
/// sending the header itself.
/// </summary>
public sealed class ClientAddresses(IOptionsMonitor<IdentityHubOptions> options)
{
    /// <summary>The partition of requests without a peer address (in-memory test servers, some sockets).</summary>
    public const string Unknown = "unknown";

    public string Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return Unknown;
        }

        var trusted = TrustedNetworks(options.CurrentValue.Network);
        if (trusted.Count > 0 && IsTrusted(address, trusted))
        {
            // Right to left: each trusted proxy appended the address it received the request from.
            var hops = http.Request.Headers["X-Forwarded-For"].SelectMany(value => (value ?? "").Split(',')).Select(hop => hop.Trim()).ToList();
            for (var i = hops.Count - 1; i >= 0; i--)
            {
                if (!IPAddress.TryParse(hops[i], out var hop))
                {
                    break;
                }

                address = hop;
                if (!IsTrusted(hop, trusted))
                {
                    break;
                }
            }
        }

        return Partition(Normalize(address));
    }

    /// <summary>An IPv4 address is its own partition; an IPv6 address counts with its /64, which one household or host usually holds.</summary>
    private static string Partition(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Parses the configured entries; null for one that is neither an address nor a range.</summary>
    public static IPNetwork? Parse(string entry) =>
        IPNetwork.TryParse(entry.Trim(), out var network) ? network
        : IPAddress.TryParse(entry.Trim(), out var address) ? new IPNetwork(Normalize(address), Normalize(address).GetAddressBytes().Length * 8)
        : null;

    private static List<IPNetwork> TrustedNetworks(NetworkOptions network) =>
        [.. network.TrustedProxies.Select(Parse).OfType<IPNetwork>()];

    private static bool IsTrusted(IPAddress address, List<IPNetwork> trusted)
    {
        var normalized = Normalize(address);
        return trusted.Any(network => network.Contains(normalized));
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
