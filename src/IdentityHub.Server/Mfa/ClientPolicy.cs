using IdentityHub.Core.Assurance;
using IdentityHub.Core.Clients;

namespace IdentityHub.Server.Mfa;

/// <summary>What a portal asks of sign-ins: the level to reach, remember-device, its help desk, and the rest of its settings.</summary>
public sealed record ClientPolicy(string? ClientId, string? DisplayName, string? HelpDeskPhone, bool AllowRememberDevice, string RequiredAcr, bool AllowPasskeySignIn = true)
{
    /// <summary>Everything else the client registered (origins, logout addresses, session age, branding).</summary>
    public ClientSettings Settings { get; init; } = ClientSettings.Default;

    /// <summary>Reads <c>aal2</c>/<c>aal3</c> (or the full acr value); null when unknown.</summary>
    public static string? AssuranceFrom(string value) => value.Trim().ToLowerInvariant() switch
    {
        "aal2" or AssuranceLevels.MultiFactor => AssuranceLevels.MultiFactor,
        "aal3" or AssuranceLevels.PhishingResistant => AssuranceLevels.PhishingResistant,
        _ => null,
    };
}
