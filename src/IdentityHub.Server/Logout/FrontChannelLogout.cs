using IdentityHub.Core.Clients;
using IdentityHub.Data;
using IdentityHub.Server.Configuration;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Logout;

/// <summary>
/// Front-channel logout (OpenID Connect Front-Channel Logout 1.0): the page shown when a browser signs out loads,
/// in hidden frames, the front-channel logout URI of every portal its session signed in to (with <c>iss</c> and
/// <c>sid</c> when the portal asks), so each can clear its own cookies. That page alone lets those origins be framed.
/// </summary>
public sealed class FrontChannelLogout(IdentityHubDbContext db, IOpenIddictApplicationManager applications, IOptionsMonitor<IdentityHubOptions> options, IHostEnvironment environment)
{
    /// <summary>Set on a response whose Content-Security-Policy must allow these frame sources (read by the security headers).</summary>
    public const string FrameSourcesItem = "IdentityHub.FrameSources";

    /// <summary>The frames to load for a session that is ending (read before it ends); empty when no portal asked for them.</summary>
    public async Task<IReadOnlyList<Uri>> FramesForAsync(HttpContext http, string sessionId)
    {
        var clientIds = await db.SessionClients.AsNoTracking().Where(c => c.SessionId == sessionId)
            .OrderBy(c => c.FirstUsedAt).Select(c => c.ClientId).ToListAsync(http.RequestAborted);
        var frames = new List<Uri>();
        foreach (var clientId in clientIds)
        {
            var application = await applications.FindByClientIdAsync(clientId, http.RequestAborted);
            var settings = application is null ? ClientSettings.Default : ClientSettings.From(await applications.GetPropertiesAsync(application, http.RequestAborted));
            if (settings.FrontChannelLogoutUri is not { IsAbsoluteUri: true } uri || !IsAllowed(uri))
            {
                continue;
            }

            frames.Add(settings.FrontChannelLogoutSessionRequired
                ? new Uri(QueryHelpers.AddQueryString(uri.AbsoluteUri, new Dictionary<string, string?> { ["iss"] = IssuerOf(http), ["sid"] = sessionId }))
                : uri);
        }

        return frames;
    }

    /// <summary>Lets this response frame the given addresses' origins (its Content-Security-Policy <c>frame-src</c>).</summary>
    public static void AllowFrames(HttpContext http, IEnumerable<Uri> frames) =>
        http.Items[FrameSourcesItem] = string.Join(' ', frames.Select(frame => frame.GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.Ordinal));

    private string IssuerOf(HttpContext http) =>
        (options.CurrentValue.Issuer ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/")).AbsoluteUri;

    private bool IsAllowed(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && !environment.IsProduction());
}
