using System.Globalization;
using IdentityHub.Core.Clients;
using IdentityHub.Core.Keys;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Administration.Clients;

/// <summary>
/// Turns an accepted registration into OpenIddict's application descriptor, and back: permissions per grant,
/// PKCE always for the code flow, the PAR requirement, token lifetimes as OpenIddict's own settings, keys, and
/// IdentityHub's <see cref="ClientSettings"/> in the properties. Every registration path writes clients this way.
/// </summary>
public static class ClientDescriptors
{
    /// <summary>Where a secret rotated out stays valid until it expires: <c>{ "hash": ..., "expires": unix seconds }</c>.</summary>
    public const string PreviousSecretProperty = "identityhub_previous_secret";

    /// <summary>Set on clients registered dynamically: the hash of the registration access token and the policy they were registered under.</summary>
    public const string RegistrationProperty = "identityhub_registration";

    public static OpenIddictApplicationDescriptor Describe(string clientId, ClientDefinition client, string? secret)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = ClientAuthMethods.UsesSecret(client.AuthMethod) ? secret : null,
            ClientType = client.Confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ApplicationType = client.ApplicationType == "native" ? ApplicationTypes.Native : ApplicationTypes.Web,
            DisplayName = client.DisplayName,
            ConsentType = client.ConsentRequired ? ConsentTypes.Explicit : ConsentTypes.Implicit,
            JsonWebKeySet = client.JsonWebKeySet is { } keys ? new JsonWebKeySet(keys) : null,
        };

        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        if (client.Confidential)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        }

        foreach (var grant in client.GrantTypes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grant);
        }

        if (client.GrantTypes.Contains(GrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.Endpoints.PushedAuthorization);
            descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        foreach (var scope in client.Scopes.Where(scope => scope != Scopes.OpenId))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        if (client.RequirePushedAuthorization)
        {
            descriptor.Requirements.Add(Requirements.Features.PushedAuthorizationRequests);
        }

        if (client.AccessTokenLifetime is { } access)
        {
            descriptor.Settings[Settings.TokenLifetimes.AccessToken] = access.ToString("c", CultureInfo.InvariantCulture);
        }

        if (client.RefreshTokenLifetime is { } refresh)
        {
            descriptor.Settings[Settings.TokenLifetimes.RefreshToken] = refresh.ToString("c", CultureInfo.InvariantCulture);
        }

        descriptor.RedirectUris.UnionWith(client.RedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris);
        (client.Settings with { TokenEndpointAuthMethod = client.AuthMethod }).WriteTo(descriptor.Properties);
        return descriptor;
    }

    /// <summary>Copies what IdentityHub keeps beside a registration (a rotated secret, the dynamic-registration record) from the stored client.</summary>
    public static void KeepBookkeeping(OpenIddictApplicationDescriptor from, OpenIddictApplicationDescriptor to)
    {
        foreach (var name in new[] { PreviousSecretProperty, RegistrationProperty })
        {
            if (from.Properties.TryGetValue(name, out var value))
            {
                to.Properties[name] = value;
            }
        }
    }

    /// <summary>The registration as metadata (RFC 7591 names), read from a stored client.</summary>
    public static ClientMetadata MetadataOf(OpenIddictApplicationDescriptor descriptor)
    {
        var settings = ClientSettings.From(descriptor.Properties);
        var grants = descriptor.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.GrantType, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.GrantType.Length..]).ToList();
        var scopes = descriptor.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]).ToList();
        var codeFlow = grants.Contains(GrantTypes.AuthorizationCode);
        return new ClientMetadata
        {
            ClientName = descriptor.DisplayName,
            RedirectUris = [.. descriptor.RedirectUris.Select(uri => uri.OriginalString)],
            PostLogoutRedirectUris = [.. descriptor.PostLogoutRedirectUris.Select(uri => uri.OriginalString)],
            GrantTypes = grants,
            ResponseTypes = codeFlow ? ["code"] : [],
            TokenEndpointAuthMethod = AuthMethodOf(descriptor),
            ApplicationType = descriptor.ApplicationType == ApplicationTypes.Native ? "native" : "web",
            Scope = string.Join(' ', codeFlow ? scopes.Prepend(Scopes.OpenId) : scopes),
            ClientUri = settings.ClientUri?.OriginalString,
            LogoUri = settings.LogoUri?.OriginalString,
            Publisher = settings.Publisher,
            JwksUri = settings.JwksUri?.OriginalString,
            IdTokenSignedResponseAlg = settings.IdTokenSigningAlgorithm ?? TokenSigningAlgorithms.Default,
            Jwks = descriptor.JsonWebKeySet is { } keys ? System.Text.Json.JsonSerializer.SerializeToElement(new { keys = keys.Keys.Select(PublicPart) }) : null,
            BackChannelLogoutUri = settings.BackChannelLogoutUri?.OriginalString,
            BackChannelLogoutSessionRequired = settings.BackChannelLogoutUri is null ? null : settings.BackChannelLogoutSessionRequired,
            FrontChannelLogoutUri = settings.FrontChannelLogoutUri?.OriginalString,
            FrontChannelLogoutSessionRequired = settings.FrontChannelLogoutUri is null ? null : settings.FrontChannelLogoutSessionRequired,
            RequirePushedAuthorizationRequests = descriptor.Requirements.Contains(Requirements.Features.PushedAuthorizationRequests),
            DPoPBoundAccessTokens = settings.RequireDPoP,
            DefaultAcrValues = settings.Assurance is "aal3" ? ["aal3"] : ["aal2"],
            DefaultMaxAge = Seconds(settings.MaxSessionAge),
            AllowedCorsOrigins = settings.CorsOrigins,
            ConsentRequired = descriptor.ConsentType == ConsentTypes.Explicit,
            AccessTokenLifetime = Seconds(LifetimeOf(descriptor, Settings.TokenLifetimes.AccessToken)),
            RefreshTokenLifetime = Seconds(LifetimeOf(descriptor, Settings.TokenLifetimes.RefreshToken)),
            RefreshTokenAbsoluteLifetime = Seconds(settings.RefreshTokenAbsoluteLifetime),
            AllowRememberDevice = settings.AllowRememberDevice,
            AllowPasskeySignIn = settings.AllowPasskeySignIn,
            AllowSelfRegistration = settings.AllowSelfRegistration,
            HelpDeskPhone = settings.HelpDeskPhone,
        };
    }

    private static string AuthMethodOf(OpenIddictApplicationDescriptor descriptor) =>
        ClientSettings.From(descriptor.Properties).TokenEndpointAuthMethod is { } registered ? registered
        : descriptor.ClientType != ClientTypes.Confidential ? ClientAuthMethods.None
        : descriptor.JsonWebKeySet is not null || ClientSettings.From(descriptor.Properties).JwksUri is not null ? ClientAuthMethods.PrivateKeyJwt
        : ClientAuthMethods.SecretBasic;

    private static TimeSpan? LifetimeOf(OpenIddictApplicationDescriptor descriptor, string name) =>
        descriptor.Settings.TryGetValue(name, out var value) && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var lifetime) ? lifetime : null;

    private static int? Seconds(TimeSpan? value) => value is { } span ? (int)span.TotalSeconds : null;

    // The public members the key has (an EC key has no n or e): never a private one.
    private static Dictionary<string, string> PublicPart(JsonWebKey key) =>
        new (string Name, string? Value)[] { ("kty", key.Kty), ("kid", key.Kid), ("use", key.Use), ("alg", key.Alg), ("n", key.N), ("e", key.E), ("crv", key.Crv), ("x", key.X), ("y", key.Y) }
            .Where(member => member.Value is not null)
            .ToDictionary(member => member.Name, member => member.Value!);
}
