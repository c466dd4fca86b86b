using System.Net;
using System.Net.Sockets;

namespace IdentityHub.Testing;

public static class FreeTcpPort
{
    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
