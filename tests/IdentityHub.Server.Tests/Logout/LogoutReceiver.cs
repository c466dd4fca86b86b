using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IdentityHub.Server.Tests.Logout;

/// <summary>
/// The portals' back ends as far as back-channel logout goes: a real HTTP listener on a loopback port that
/// keeps every logout token posted to it, by path. <c>/failing</c> always answers 500.
/// </summary>
public sealed class LogoutReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string Token)> _received = new();

    private LogoutReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<LogoutReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LogoutReceiver(app);
        app.MapPost("/{portal}", async (HttpContext http, string portal) =>
        {
            var form = await http.Request.ReadFormAsync();
            receiver._received.Enqueue(("/" + portal, form["logout_token"].ToString()));
            return portal == "failing" ? Results.StatusCode(500) : Results.Ok();
        });
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    public string Url(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    /// <summary>The tokens posted to <paramref name="path"/> for one session (by their sid).</summary>
    public IReadOnlyList<JsonWebToken> For(string path, string sessionId) =>
        _received.Where(r => r.Path == path).Select(r => new JsonWebToken(r.Token))
            .Where(token => token.TryGetPayloadValue<string>("sid", out var sid) && sid == sessionId).ToList();

    /// <summary>Waits (a real 20 s at most, for the server's own job to post) until <paramref name="count"/> tokens for the session reached the path.</summary>
    public async Task<IReadOnlyList<JsonWebToken>> WaitForAsync(string path, string sessionId, int count = 1)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (For(path, sessionId).Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        var tokens = For(path, sessionId);
        Assert.True(tokens.Count >= count, $"{tokens.Count} logout token(s) reached {path} for the session, {count} expected.");
        return tokens;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
