using IdentityHub.Core.Assurance;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Mfa;

/// <summary>What a portal asks of sign-ins: the level to reach, remember-device, its help desk.</summary>
public sealed record ClientPolicy(string? ClientId, string? DisplayName, string? HelpDeskPhone, bool AllowRememberDevice, string RequiredAcr, bool AllowPasskeySignIn = true)
{
    /// <summary>Reads <c>aal2</c>/<c>aal3</c> (or the full acr value); null when unknown.</summary>
    public static string? AssuranceFrom(string value) => value.Trim().ToLowerInvariant() switch
    {
        "aal2" or AssuranceLevels.MultiFactor => AssuranceLevels.MultiFactor,
        "aal3" or AssuranceLevels.PhishingResistant => AssuranceLevels.PhishingResistant,
        _ => null,
    };
}

public sealed class ClientPolicies(IOptionsMonitor<IdentityHubOptions> options)
{
    public ClientPolicy For(string? clientId)
    {
        var hub = options.CurrentValue;
        var client = hub.Clients.FirstOrDefault(c => c.ClientId == clientId);
        return new ClientPolicy(
            client?.ClientId,
            client?.DisplayName ?? client?.ClientId,
            client?.HelpDeskPhone ?? hub.Mfa.HelpDeskPhone,
            hub.Mfa.RememberDevice.Enabled && (client?.AllowRememberDevice ?? true),
            // MFA is mandatory: every sign-in reaches at least the multi-factor level (M1).
            client?.Assurance is { } level ? ClientPolicy.AssuranceFrom(level) ?? AssuranceLevels.MultiFactor : AssuranceLevels.MultiFactor,
            client?.AllowPasskeySignIn ?? true);
    }

    /// <summary>The portal behind a return URL that is an authorization request, if any.</summary>
    public static string? ClientIdFrom(string? returnUrl) =>
        SignIn.ReturnUrls.AuthorizationParameter(returnUrl, "client_id") is { Length: <= 100 } clientId ? clientId : null;
}
