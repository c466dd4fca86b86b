namespace IdentityHub.Samples.Portal;

/// <summary>
/// The <c>Portal</c> settings section. One build of this app runs as the provider, producer or
/// member portal; only these settings differ (see Properties/launchSettings.json).
/// </summary>
public sealed class PortalSettings
{
    public const string Section = "Portal";

    /// <summary>Shown as the page heading, e.g. "Provider portal".</summary>
    public string Name { get; set; } = "Provider portal";

    /// <summary>The IdentityHub server (the issuer).</summary>
    public string Authority { get; set; } = "http://localhost:5000";

    public string ClientId { get; set; } = "provider-portal";

    /// <summary>Empty for a public client, which proves itself with PKCE only.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The sample API called with the user's access token.</summary>
    public string ApiBaseUrl { get; set; } = "http://localhost:5200";

    /// <summary>Space-separated scopes asked for at sign-in.</summary>
    public string Scopes { get; set; } = "openid profile email phone offline_access portal-api";

    /// <summary>Optional acr_values sent at sign-in, e.g. "urn:identityhub:acr:aal3" to ask for a passkey.</summary>
    public string? AcrValues { get; set; }

    public Uri AuthorityUri => new(Authority);

    public Uri ApiBaseUri => new(ApiBaseUrl);

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static PortalSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<PortalSettings>() ?? new PortalSettings();

    /// <summary>One line per bad setting, naming its key; empty when the portal can start.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return "Portal:Name is empty; set it to the portal's display name.";
        }

        if (!IsHttpUrl(Authority))
        {
            yield return $"Portal:Authority must be an absolute http(s) URL of the IdentityHub server, not '{Authority}'.";
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return "Portal:ClientId is empty; set it to the client_id registered at IdentityHub.";
        }

        if (!IsHttpUrl(ApiBaseUrl))
        {
            yield return $"Portal:ApiBaseUrl must be an absolute http(s) URL of the sample API, not '{ApiBaseUrl}'.";
        }

        if (!ScopeList.Contains("openid"))
        {
            yield return $"Portal:Scopes must include 'openid', not '{Scopes}'.";
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
