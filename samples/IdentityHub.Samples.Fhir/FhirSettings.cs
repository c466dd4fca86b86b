namespace IdentityHub.Samples.Fhir;

/// <summary>
/// The <c>Fhir</c> settings section: which IdentityHub server issues the tokens this API accepts, and the API's own
/// base URL, which is both where it listens (its path) and the <c>aud</c> a token must carry (SMART App Launch asks
/// apps to send the FHIR base URL as <c>aud</c>, so a token meant for one FHIR server is refused by another).
/// </summary>
public sealed class FhirSettings
{
    public const string Section = "Fhir";

    /// <summary>The IdentityHub server whose access tokens this API accepts; its keys come from its JWKS.</summary>
    public string Authority { get; set; } = "http://localhost:5000";

    /// <summary>The FHIR base URL: the audience of the tokens, and where the resources are served.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5300/fhir";

    public Uri AuthorityUri => new(Authority);

    /// <summary>The base URL without a trailing slash, as resources' full URLs are built from it.</summary>
    public string Base => BaseUrl.TrimEnd('/');

    /// <summary>The path part of the base URL ("/fhir"), where the endpoints are mapped.</summary>
    public string BasePath => new Uri(BaseUrl).AbsolutePath.TrimEnd('/');

    public static FhirSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<FhirSettings>() ?? new FhirSettings();

    /// <summary>One line per bad setting, naming its key; empty when the API can start.</summary>
    public IEnumerable<string> Problems()
    {
        if (!IsHttpUrl(Authority))
        {
            yield return $"Fhir:Authority must be an absolute http(s) URL of the IdentityHub server, not '{Authority}'.";
        }

        if (!IsHttpUrl(BaseUrl) || new Uri(BaseUrl).Query.Length > 0)
        {
            yield return $"Fhir:BaseUrl must be the absolute http(s) URL of this FHIR API without a query, such as http://localhost:5300/fhir, not '{BaseUrl}'.";
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
