using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>
/// The in-memory server has no peer address. A request with <c>X-Test-Peer</c> comes "from" that
/// address, as if the TCP connection did: the rate limits' and proxies' tests use it to play several
/// networks. Requests without it keep no address, as before.
/// </summary>
internal sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}

public static class PeerBrowsers
{
    /// <summary>A browser whose requests come from <paramref name="address"/>.</summary>
    public static Browser NewBrowserFrom(this IdentityHubApp app, string address)
    {
        var browser = app.NewBrowser();
        browser.Http.DefaultRequestHeaders.Add(TestPeerAddress.Header, address);
        return browser;
    }
}
