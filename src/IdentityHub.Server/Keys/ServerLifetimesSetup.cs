using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace IdentityHub.Server.Keys;

/// <summary>Applies the configured token lifetimes and issuer to OpenIddict.</summary>
internal sealed class ServerLifetimesSetup(IOptions<IdentityHubOptions> hub) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var tokens = hub.Value.Tokens;
        options.AccessTokenLifetime = tokens.AccessTokenLifetime;
        options.IdentityTokenLifetime = tokens.IdentityTokenLifetime;
        options.AuthorizationCodeLifetime = tokens.AuthorizationCodeLifetime;
        options.RefreshTokenLifetime = tokens.RefreshTokenLifetime;
        options.RefreshTokenReuseLeeway = tokens.RefreshTokenReuseLeeway;
        // A pushed request's request_uri is presented again after each page of the sign-in (decision 0036).
        options.RequestTokenLifetime = tokens.PushedRequestLifetime;
        options.Issuer = hub.Value.Issuer;
    }
}
