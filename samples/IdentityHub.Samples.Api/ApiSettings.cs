namespace IdentityHub.Samples.Api;

/// <summary>The <c>Api</c> settings section.</summary>
public sealed class ApiSettings
{
    public const string Section = "Api";

    /// <summary>The IdentityHub server whose access tokens this API accepts.</summary>
    public string Authority { get; set; } = "http://localhost:5000";

    /// <summary>
    /// The API resource name at IdentityHub: the audience its tokens must carry, and also the scope
    /// they must grant (IdentityHub makes every API resource a scope of the same name).
    /// </summary>
    public string Audience { get; set; } = "portal-api";

    /// <summary>Whether only DPoP-bound access tokens are accepted (RFC 9449); by default bearer tokens are too.</summary>
    public bool RequireDPoP { get; set; }

    public Uri AuthorityUri => new(Authority);

    public static ApiSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ApiSettings>() ?? new ApiSettings();

    /// <summary>One line per bad setting, naming its key; empty when the API can start.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return $"Api:Authority must be an absolute http(s) URL of the IdentityHub server, not '{Authority}'.";
        }

        if (string.IsNullOrWhiteSpace(Audience) || Audience.Contains(' ', StringComparison.Ordinal))
        {
            yield return $"Api:Audience must be the API resource name registered at IdentityHub (one word), not '{Audience}'.";
        }
    }
}
