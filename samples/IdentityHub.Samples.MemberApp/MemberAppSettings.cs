namespace IdentityHub.Samples.MemberApp;

/// <summary>
/// The <c>MemberApp</c> settings section: where the app finds IdentityHub and the FHIR API, and who it is to them.
/// </summary>
public sealed class MemberAppSettings
{
    public const string Section = "MemberApp";

    /// <summary>The IdentityHub server; its SMART configuration is read from <c>{Issuer}/.well-known/smart-configuration</c>.</summary>
    public string Issuer { get; set; } = "http://localhost:5000";

    /// <summary>The app's client id at IdentityHub: a public client, so there is no secret, and PKCE proves the app.</summary>
    public string ClientId { get; set; } = "member-app";

    /// <summary>Where IdentityHub sends the member back with a code; must be registered for the client.</summary>
    public string RedirectUri { get; set; } = "http://localhost:5400/callback";

    /// <summary>The FHIR base URL: sent as <c>aud</c> at authorization, and where the records are read.</summary>
    public string FhirBaseUrl { get; set; } = "http://localhost:5300/fhir";

    /// <summary>Space-separated scopes asked for; the member may grant fewer.</summary>
    public string Scopes { get; set; } =
        "openid fhirUser launch/patient offline_access patient/Patient.rs patient/Observation.rs patient/Condition.rs patient/Coverage.rs";

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The FHIR base URL without a final slash, as sent for <c>aud</c>.</summary>
    public string FhirBase => FhirBaseUrl.TrimEnd('/');

    public static MemberAppSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<MemberAppSettings>() ?? new MemberAppSettings();

    /// <summary>One line per bad setting, naming its key; empty when the app can start.</summary>
    public IEnumerable<string> Problems()
    {
        if (!IsHttpUrl(Issuer))
        {
            yield return $"MemberApp:Issuer must be an absolute http(s) URL of the IdentityHub server, not '{Issuer}'.";
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return "MemberApp:ClientId is empty; set it to the client_id registered at IdentityHub (member-app).";
        }

        if (!IsHttpUrl(RedirectUri) || !new Uri(RedirectUri).AbsolutePath.Equals("/callback", StringComparison.Ordinal))
        {
            yield return $"MemberApp:RedirectUri must be an absolute http(s) URL ending in /callback, where this app listens, not '{RedirectUri}'.";
        }

        if (!IsHttpUrl(FhirBaseUrl))
        {
            yield return $"MemberApp:FhirBaseUrl must be an absolute http(s) URL of the FHIR API, not '{FhirBaseUrl}'.";
        }

        if (!ScopeList.Contains("openid") || !ScopeList.Contains("launch/patient"))
        {
            yield return $"MemberApp:Scopes must include 'openid' and 'launch/patient', not '{Scopes}'.";
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
