using IdentityHub.Administration.Clients;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Admin.Pages.Clients;

/// <summary>A registration's protocol values in the console's words; a value without words shows as registered.</summary>
public static class ClientWords
{
    /// <summary>Confidential (a secret), public (no secret) or its own keys (private_key_jwt).</summary>
    public static string AuthMethod(IStringLocalizer text, string method) => method switch
    {
        ClientAuthMethods.None => text["ConsoleClients.Kind.Public"],
        ClientAuthMethods.PrivateKeyJwt => text["ConsoleClients.Kind.PrivateKeyJwt"],
        _ => text["ConsoleClients.Kind.Confidential"],
    };

    public static string Grant(IStringLocalizer text, string grant) => Find(text, "ConsoleClients.Grant." + grant) ?? grant;

    public static string Origin(IStringLocalizer text, string origin) => Find(text, "ConsoleClients.Origin." + origin) ?? origin;

    private static string? Find(IStringLocalizer text, string key) => text[key] is { ResourceNotFound: false } found ? found.Value : null;
}
