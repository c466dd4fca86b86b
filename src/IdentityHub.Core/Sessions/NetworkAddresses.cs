using System.Net;
using System.Net.Sockets;

namespace IdentityHub.Core.Sessions;

/// <summary>
/// What a network address tells a person about where something came from. Only "a local network" is knowable:
/// loopback and private ranges (RFC 1918, RFC 4193 unique local, link-local, carrier-grade NAT); any other address
/// is shown as it is.
/// </summary>
public static class NetworkAddresses
{
    /// <summary>True for an address of this computer or a private network; false for a public or unreadable one.</summary>
    public static bool IsLocal(string? address)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return false;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (IPAddress.IsLoopback(ip))
        {
            return true;
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal;
        }

        var bytes = ip.GetAddressBytes();
        return bytes[0] == 10
            || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31)
            || (bytes[0] == 192 && bytes[1] == 168)
            || (bytes[0] == 169 && bytes[1] == 254)
            || (bytes[0] == 100 && bytes[1] is >= 64 and <= 127);
    }
}
