using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Samples.Portal;

/// <summary>
/// Back-channel logout (OpenID Connect Back-Channel Logout 1.0) for the portal: IdentityHub posts a logout token
/// when the person's IdentityHub session ends; the portal checks it and notes the session id (<c>sid</c>) as ended,
/// and its cookie check refuses any cookie of that session, so the next page shows the person signed out
/// without a click.
/// </summary>
internal static partial class BackChannelLogout
{
    private const string Event = "http://schemas.openid.net/event/backchannel-logout";

    /// <summary>The IdentityHub sessions that ended, kept a day (longer than any portal cookie lives).</summary>
    public sealed class EndedSessions(TimeProvider time)
    {
        private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);

        public void End(string sessionId)
        {
            var now = time.GetUtcNow();
            _ended[sessionId] = now;
            foreach (var old in _ended.Where(entry => now - entry.Value > TimeSpan.FromDays(1)))
            {
                _ended.TryRemove(old.Key, out _);
            }
        }

        public bool HasEnded(string? sessionId) => sessionId is not null && _ended.ContainsKey(sessionId);
    }

    public static IServiceCollection AddBackChannelLogout(this IServiceCollection services)
    {
        services.AddSingleton<EndedSessions>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme).Configure(cookie =>
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var ended = context.HttpContext.RequestServices.GetRequiredService<EndedSessions>();
                if (ended.HasEnded(context.Principal?.FindFirst("sid")?.Value))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
            });
        return services;
    }

    /// <summary>POST /backchannel-logout: 200 for a valid logout token, 400 otherwise (§2.8).</summary>
    public static IEndpointConventionBuilder MapBackChannelLogout(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/backchannel-logout", async (HttpContext http, EndedSessions ended, PortalSettings portal,
            IOptionsMonitor<OpenIdConnectOptions> oidc, ILoggerFactory loggers) =>
        {
            var logger = loggers.CreateLogger(typeof(BackChannelLogout));
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
            var token = form?["logout_token"].ToString();
            if (string.IsNullOrEmpty(token))
            {
                return Results.BadRequest(new { error = "invalid_request", error_description = "logout_token is missing." });
            }

            var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidIssuer = configuration.Issuer,
                ValidAudience = portal.ClientId,
                IssuerSigningKeys = configuration.SigningKeys,
                ValidTypes = ["logout+jwt"],
                ClockSkew = TimeSpan.FromMinutes(2),
            });
            if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || !IsLogoutToken(jwt, out var sessionId))
            {
                LogRefused(logger, result.Exception?.Message ?? "not a logout token");
                return Results.BadRequest(new { error = "invalid_request", error_description = "The logout token is not valid." });
            }

            ended.End(sessionId);
            LogEnded(logger);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok();
        }).DisableAntiforgery();

    /// <summary>The back-channel logout event, a sid, and no nonce (§2.6).</summary>
    private static bool IsLogoutToken(JsonWebToken token, out string sessionId)
    {
        sessionId = token.TryGetPayloadValue<string>("sid", out var sid) ? sid : "";
        return sessionId.Length > 0
            && !token.TryGetPayloadValue<string>("nonce", out _)
            && token.TryGetPayloadValue<JsonElement>("events", out var events)
            && events.ValueKind == JsonValueKind.Object && events.TryGetProperty(Event, out _);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A back-channel logout request was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "IdentityHub ended a session: its portal sign-in is over")]
    private static partial void LogEnded(ILogger logger);
}
