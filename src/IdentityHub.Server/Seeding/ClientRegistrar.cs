using System.Globalization;
using IdentityHub.Core.Clients;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Seeding;

/// <summary>
/// Creates or updates the API scopes and clients named in configuration, so that a portal is
/// registered by adding a block of settings (see docs/clients.md). Clients registered another way
/// are left alone.
/// </summary>
internal sealed class ClientRegistrar(
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    IOptions<IdentityHubOptions> options)
{
    private static readonly string[] StandardScopes = [Scopes.Profile, Scopes.Email, Scopes.Phone, Scopes.OfflineAccess];

    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        foreach (var resource in options.Value.ApiResources)
        {
            var descriptor = new OpenIddictScopeDescriptor { Name = resource.Name, DisplayName = resource.DisplayName ?? resource.Name };
            descriptor.Resources.Add(resource.Name);
            if (await scopes.FindByNameAsync(resource.Name, cancellationToken) is { } existing)
            {
                await scopes.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await scopes.CreateAsync(descriptor, cancellationToken);
            }
        }

        foreach (var client in options.Value.Clients)
        {
            var descriptor = Describe(client);
            if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is { } existing)
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
        }
    }

    internal static ClientSettings SettingsOf(ClientRegistration client) => new()
    {
        CorsOrigins = client.AllowedCorsOrigins,
        BackChannelLogoutUri = client.BackChannelLogoutUri,
        FrontChannelLogoutUri = client.FrontChannelLogoutUri,
        RequireDPoP = client.RequireDPoP,
        Assurance = client.Assurance,
        AllowRememberDevice = client.AllowRememberDevice,
        AllowPasskeySignIn = client.AllowPasskeySignIn,
        MaxSessionAge = client.MaxSessionAge,
        RefreshTokenAbsoluteLifetime = client.RefreshTokenAbsoluteLifetime,
        HelpDeskPhone = client.HelpDeskPhone,
        ClientUri = client.ClientUri,
        LogoUri = client.LogoUri,
    };

    internal static OpenIddictApplicationDescriptor Describe(ClientRegistration client)
    {
        var confidential = !string.IsNullOrEmpty(client.ClientSecret);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = confidential ? client.ClientSecret : null,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            DisplayName = client.DisplayName ?? client.ClientId,
            ConsentType = client.ThirdParty ? ConsentTypes.Explicit : ConsentTypes.Implicit,
        };

        var grants = client.GrantTypes.Count == 0 ? [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken] : client.GrantTypes;
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        if (confidential)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        }

        foreach (var grant in grants)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grant);
        }

        if (grants.Contains(GrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            foreach (var scope in StandardScopes)
            {
                descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
            }
        }

        foreach (var scope in client.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        descriptor.RedirectUris.UnionWith(client.RedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris);
        if (client.RequirePushedAuthorization)
        {
            descriptor.Requirements.Add(Requirements.Features.PushedAuthorizationRequests);
        }

        if (grants.Contains(GrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.Add(Permissions.Endpoints.PushedAuthorization);
        }

        if (client.AccessTokenLifetime is { } access)
        {
            descriptor.Settings[Settings.TokenLifetimes.AccessToken] = access.ToString("c", CultureInfo.InvariantCulture);
        }

        if (client.RefreshTokenLifetime is { } refresh)
        {
            descriptor.Settings[Settings.TokenLifetimes.RefreshToken] = refresh.ToString("c", CultureInfo.InvariantCulture);
        }

        SettingsOf(client).WriteTo(descriptor.Properties);
        return descriptor;
    }
}
