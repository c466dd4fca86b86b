using System.Net;
using System.Net.Sockets;

namespace IdentityHub.Testing;

public static class FreeTcpPort
{
    /// <summary>
    /// A loopback port that was free a moment ago, on 127.0.0.1 and on [::1] alike: an app on
    /// http://localhost:port listens on both. Another process may still take it before the app binds
    /// it; <see cref="AppProcess.WaitUntilServingAsync"/> notices that (<see cref="PortInUseException"/>).
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (FreeOnIPv6Loopback(port))
            {
                return port;
            }
        }
    }

    private static bool FreeOnIPv6Loopback(int port)
    {
        if (!Socket.OSSupportsIPv6)
        {
            return true;
        }

        try
        {
            using var listener = new TcpListener(IPAddress.IPv6Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // No IPv6 loopback here: nothing can hold the port there either.
            return true;
        }
    }
}
