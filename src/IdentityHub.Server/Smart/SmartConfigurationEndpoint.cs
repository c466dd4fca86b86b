using IdentityHub.Core.Smart;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Smart;

/// <summary>
/// <c>/.well-known/smart-configuration</c> (SMART App Launch 2 §2.0.4): where a SMART app finds the endpoints and what
/// this server supports. Read from the OpenIddict options discovery itself is built from (endpoints, grants, client
/// authentication, PKCE), so the two documents cannot disagree; 404 while SMART is off.
/// </summary>
internal static class SmartConfigurationEndpoint
{
    public const string Path = "/.well-known/smart-configuration";

    /// <summary>Only what works here: no EHR launch, no user-level permissions advertised (docs/smart.md).</summary>
    public static readonly IReadOnlyList<string> Capabilities =
    [
        "launch-standalone", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
        "context-standalone-patient", "sso-openid-connect", "permission-offline", "permission-patient", "permission-v2",
        "authorize-post",
    ];

    public static IResult Handle(HttpContext http, IOptions<IdentityHubOptions> hub, IOptions<OpenIddictServerOptions> server)
    {
        var smart = hub.Value.Smart;
        if (!smart.Enabled)
        {
            return Results.NotFound();
        }

        var options = server.Value;
        var issuer = options.Issuer ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        string At(IEnumerable<Uri> uris) => new Uri(issuer, uris.First().OriginalString.TrimStart('/')).AbsoluteUri;
        string AtPath(string path) => new Uri(issuer, path.TrimStart('/')).AbsoluteUri;

        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.AbsoluteUri,
            ["jwks_uri"] = At(options.JsonWebKeySetEndpointUris),
            ["authorization_endpoint"] = At(options.AuthorizationEndpointUris),
            ["token_endpoint"] = At(options.TokenEndpointUris),
            ["registration_endpoint"] = AtPath(Connect.Registration.RegistrationEndpoint.Path),
            ["revocation_endpoint"] = At(options.RevocationEndpointUris),
            ["introspection_endpoint"] = At(options.IntrospectionEndpointUris),
            ["userinfo_endpoint"] = At(options.UserInfoEndpointUris),
            ["management_endpoint"] = AtPath(ManagementPath),
            ["grant_types_supported"] = options.GrantTypes.Order(StringComparer.Ordinal).ToArray(),
            ["response_types_supported"] = new[] { ResponseTypes.Code },
            ["token_endpoint_auth_methods_supported"] = options.ClientAuthenticationMethods.Order(StringComparer.Ordinal).ToArray(),
            ["token_endpoint_auth_signing_alg_values_supported"] = Connect.Clients.ClientAssertionAlgorithms.Supported,
            ["scopes_supported"] = ScopesSupported(smart.Scopes()),
            ["code_challenge_methods_supported"] = options.CodeChallengeMethods.Order(StringComparer.Ordinal).ToArray(),
            ["capabilities"] = Capabilities,
        });
    }

    /// <summary>The member's connected-apps page, where consent is reviewed and taken back.</summary>
    public const string ManagementPath = "/account/apps";

    /// <summary>
    /// A representative list (the full set is every context × type × 31 permission strings): the OpenID scopes, the
    /// launch scopes, read-and-search for each resource type and for all, and system read-and-search.
    /// </summary>
    private static string[] ScopesSupported(SmartScopes scopes) =>
    [
        Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Phone, Scopes.OfflineAccess, SmartScopes.FhirUser, SmartScopes.LaunchPatient,
        .. scopes.ResourceTypes.Order(StringComparer.Ordinal).Select(type => $"patient/{type}.rs"), "patient/*.rs", "system/*.rs",
    ];
}
