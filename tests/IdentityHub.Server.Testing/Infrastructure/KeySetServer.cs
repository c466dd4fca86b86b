using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>A client's own web server on loopback, publishing a JWK Set at <see cref="Uri"/> (for <c>jwks_uri</c> registrations).</summary>
public sealed class KeySetServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _serving;

    private KeySetServer(HttpListener listener, string body, string uri)
    {
        _listener = listener;
        Uri = uri;
        _serving = ServeAsync(body);
    }

    public string Uri { get; }

    public static Task<KeySetServer> StartAsync(string jwks)
    {
        var port = FreePort();
        var listener = new HttpListener();
        var prefix = $"http://localhost:{port}/";
        listener.Prefixes.Add(prefix);
        listener.Start();
        return Task.FromResult(new KeySetServer(listener, jwks, prefix + "jwks"));
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(string body)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
