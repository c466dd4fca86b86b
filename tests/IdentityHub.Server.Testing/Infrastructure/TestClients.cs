using System.Security.Cryptography;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>The clients every test server registers. Secrets are made per test run.</summary>
public static class TestClients
{
    public const string Portal = "test-portal";
    public const string PublicPortal = "public-portal";
    public const string ThirdParty = "third-party-app";
    public const string Integration = "claims-integration";
    public const string ApiScope = "portal-api";

    public const string RedirectUri = "https://portal.test/signin-oidc";
    public const string PostLogoutRedirectUri = "https://portal.test/signed-out";

    public static readonly string PortalSecret = RandomNumberGenerator.GetHexString(32);
    public static readonly string ThirdPartySecret = RandomNumberGenerator.GetHexString(32);
    public static readonly string IntegrationSecret = RandomNumberGenerator.GetHexString(32);

    /// <summary>The configuration keys that register the clients above.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["IdentityHub:ApiResources:0:Name"] = ApiScope,
        };
        Client(settings, 0, Portal, PortalSecret, thirdParty: false, grants: null);
        Client(settings, 1, PublicPortal, secret: null, thirdParty: false, grants: null);
        Client(settings, 2, ThirdParty, ThirdPartySecret, thirdParty: true, grants: null);
        Client(settings, 3, Integration, IntegrationSecret, thirdParty: false, grants: ["client_credentials"]);
        return settings;
    }

    private static void Client(Dictionary<string, string?> settings, int index, string id, string? secret, bool thirdParty, string[]? grants)
    {
        var prefix = $"IdentityHub:Clients:{index}:";
        settings[prefix + "ClientId"] = id;
        settings[prefix + "DisplayName"] = id + " (test)";
        settings[prefix + "ClientSecret"] = secret;
        settings[prefix + "ThirdParty"] = thirdParty ? "true" : "false";
        settings[prefix + "Scopes:0"] = ApiScope;
        if (grants is null)
        {
            settings[prefix + "RedirectUris:0"] = RedirectUri;
            settings[prefix + "PostLogoutRedirectUris:0"] = PostLogoutRedirectUri;
        }
        else
        {
            for (var i = 0; i < grants.Length; i++)
            {
                settings[prefix + $"GrantTypes:{i}"] = grants[i];
            }
        }
    }
}
