using IdentityHub.Administration.Clients;
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

        await RegisterSmartAsync(cancellationToken);
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

    /// <summary>
    /// SMART's scope row (see <see cref="Core.Smart.SmartScopeRow"/>): written with the FHIR API as its resource and the
    /// resource types in its properties while SMART is on, removed when it is turned off, so the admin host agrees.
    /// </summary>
    private async Task RegisterSmartAsync(CancellationToken cancellationToken)
    {
        var smart = options.Value.Smart;
        var existing = await scopes.FindByNameAsync(Core.Smart.SmartScopes.LaunchPatient, cancellationToken);
        if (!smart.Enabled)
        {
            if (existing is not null)
            {
                await scopes.DeleteAsync(existing, cancellationToken);
            }

            return;
        }

        var descriptor = new OpenIddictScopeDescriptor { Name = Core.Smart.SmartScopes.LaunchPatient, DisplayName = "SMART App Launch" };
        descriptor.Resources.Add(smart.Audience!);
        descriptor.Properties[Core.Smart.SmartScopeRow.PropertyName] = System.Text.Json.JsonSerializer.SerializeToElement(smart.EffectiveResourceTypes);
        if (existing is not null)
        {
            await scopes.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await scopes.CreateAsync(descriptor, cancellationToken);
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
        AllowSelfRegistration = client.AllowSelfRegistration,
        MaxSessionAge = client.MaxSessionAge,
        RefreshTokenAbsoluteLifetime = client.RefreshTokenAbsoluteLifetime,
        HelpDeskPhone = client.HelpDeskPhone,
        ClientUri = client.ClientUri,
        LogoUri = client.LogoUri,
        Publisher = client.Publisher,
        IdTokenSigningAlgorithm = client.IdTokenSigningAlgorithm,
    };

    internal static OpenIddictApplicationDescriptor Describe(ClientRegistration client)
    {
        var confidential = !string.IsNullOrEmpty(client.ClientSecret);
        List<string> grants = client.GrantTypes.Count == 0 ? [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken] : client.GrantTypes;
        var definition = new ClientDefinition
        {
            DisplayName = client.DisplayName ?? client.ClientId,
            AuthMethod = confidential ? ClientAuthMethods.SecretBasic : ClientAuthMethods.None,
            GrantTypes = grants,
            RedirectUris = client.RedirectUris,
            PostLogoutRedirectUris = client.PostLogoutRedirectUris,
            Scopes = grants.Contains(GrantTypes.AuthorizationCode) ? [.. StandardScopes, .. client.Scopes] : client.Scopes,
            ConsentRequired = client.ThirdParty,
            RequirePushedAuthorization = client.RequirePushedAuthorization,
            AccessTokenLifetime = client.AccessTokenLifetime,
            RefreshTokenLifetime = client.RefreshTokenLifetime,
            Settings = SettingsOf(client),
        };
        return ClientDescriptors.Describe(client.ClientId, definition, client.ClientSecret);
    }
}
