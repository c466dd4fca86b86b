using IdentityHub.Core.Assurance;
using IdentityHub.Core.Clients;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Mfa;

/// <summary>
/// A portal's policy as registered in the database (by configuration, the admin API or dynamic registration),
/// read through OpenIddict's application manager and so from this node's client cache between changes.
/// An unknown or absent client gets the deployment's defaults.
/// </summary>
public sealed class ClientPolicies(IOpenIddictApplicationManager applications, IOptionsMonitor<IdentityHubOptions> options)
{
    /// <summary>The deployment's defaults, for what no portal asked for (the account page, notices, a forgotten password).</summary>
    public ClientPolicy Deployment => Build(null, null, ClientSettings.Default);

    public async ValueTask<ClientPolicy> ForAsync(string? clientId, CancellationToken cancellationToken = default)
    {
        if (!Administration.Clients.ClientIds.IsPlausible(clientId) || await applications.FindByClientIdAsync(clientId!, cancellationToken) is not { } application)
        {
            return Deployment;
        }

        var settings = ClientSettings.From(await applications.GetPropertiesAsync(application, cancellationToken));
        return Build(clientId, await applications.GetDisplayNameAsync(application, cancellationToken) ?? clientId, settings);
    }

    private ClientPolicy Build(string? clientId, string? displayName, ClientSettings settings)
    {
        var mfa = options.CurrentValue.Mfa;
        return new ClientPolicy(
            clientId,
            displayName,
            settings.HelpDeskPhone ?? mfa.HelpDeskPhone,
            mfa.RememberDevice.Enabled && settings.AllowRememberDevice,
            // MFA is mandatory: every sign-in reaches at least the multi-factor level (M1).
            settings.Assurance is { } level ? ClientPolicy.AssuranceFrom(level) ?? AssuranceLevels.MultiFactor : AssuranceLevels.MultiFactor,
            settings.AllowPasskeySignIn)
        {
            Settings = settings,
        };
    }

    /// <summary>The portal behind a return URL that is an authorization request, if any.</summary>
    public static string? ClientIdFrom(string? returnUrl) =>
        SignIn.ReturnUrls.AuthorizationParameter(returnUrl, "client_id") is { Length: <= 100 } clientId ? clientId : null;
}
