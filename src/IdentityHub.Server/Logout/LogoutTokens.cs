using IdentityHub.Core.Keys;
using IdentityHub.Data.Sessions;
using IdentityHub.Server.Keys;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace IdentityHub.Server.Logout;

/// <summary>
/// Makes logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4): JWTs of type <c>logout+jwt</c> signed with
/// the server's active RS256 key (published in JWKS; the algorithm every relying party accepts), carrying iss, aud (the client),
/// iat, exp, jti (the delivery's id), sub, sid and the back-channel logout event, and never a nonce.
/// </summary>
public sealed class LogoutTokens(IOptionsMonitor<OpenIddictServerOptions> server, ActiveSigningKeys keys, IOptionsMonitor<IdentityHubOptions> options, LogoutSignal signal, TimeProvider time)
{
    public const string TokenType = "logout+jwt";
    public const string BackChannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The issuer tokens name: <c>IdentityHub:Issuer</c>, else the one this node's requests used; null when neither is known yet.</summary>
    public Uri? Issuer => server.CurrentValue.Issuer ?? signal.SeenIssuer;

    /// <summary>A logout token for one delivery, or null while the issuer is not yet known on this node.</summary>
    public string? For(LogoutDelivery delivery)
    {
        if (Issuer is not { } issuer)
        {
            return null;
        }

        var credentials = keys.For(TokenSigningAlgorithms.RS256);
        var now = time.GetUtcNow();
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = TokenType,
            Issuer = issuer.AbsoluteUri,
            Audience = delivery.ClientId,
            IssuedAt = now.UtcDateTime,
            Expires = (now + options.CurrentValue.Logout.TokenLifetime).UtcDateTime,
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>
            {
                ["jti"] = delivery.Id,
                ["sub"] = delivery.UserId,
                ["sid"] = delivery.SessionId,
                ["events"] = new Dictionary<string, object> { [BackChannelLogoutEvent] = new Dictionary<string, object>() },
            },
        });
    }
}
