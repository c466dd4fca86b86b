using System.Globalization;
using IdentityHub.Administration.Clients;
using Microsoft.Extensions.Localization;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Admin.Pages.Clients;

/// <summary>
/// The client form in plain words: a kind of client instead of grant types and an authentication method, one
/// address a line, scopes as boxes, lifetimes in minutes, hours and days. <see cref="ToMetadata"/> writes it as
/// RFC 7591 metadata over the stored registration, so what the form does not show (keys for private_key_jwt,
/// client_secret_post, the logout session flags) stays as it was.
/// </summary>
public sealed class ClientForm
{
    /// <summary>A web portal with a secret: the authorization code flow, confidential.</summary>
    public const string WebPortal = "web";

    /// <summary>A single-page or native app: the authorization code flow with PKCE, no secret (public).</summary>
    public const string App = "app";

    /// <summary>A back-end integration: client credentials, with a secret.</summary>
    public const string Integration = "integration";

    public const string MultiFactor = "mfa";

    public const string Passkey = "passkey";

    private const string OfflineAccess = "offline_access";

    public static readonly IReadOnlyList<string> Kinds = [WebPortal, App, Integration];

    public static readonly IReadOnlyList<string> AssuranceChoices = [MultiFactor, Passkey];

    public static readonly IReadOnlyList<string> StandardScopes = ClientMetadataRules.StandardScopes.Split(' ');

    /// <summary>Chosen on the new client only; empty: one is generated.</summary>
    public string? ClientId { get; set; }

    public string? Name { get; set; }

    public string? Kind { get; set; }

    public string? RedirectUris { get; set; }

    public string? SignOutUris { get; set; }

    public List<string> Scopes { get; set; } = [];

    public string? Origins { get; set; }

    public string? BackChannelLogoutUri { get; set; }

    public string? FrontChannelLogoutUri { get; set; }

    public bool ConsentRequired { get; set; }

    public bool RequirePar { get; set; }

    public bool RequireDPoP { get; set; }

    /// <summary>Whether members may create their own account from this client's sign-in page (A15).</summary>
    public bool AllowSelfRegistration { get; set; }

    public string? Assurance { get; set; }

    public string? MaxSignInAgeMinutes { get; set; }

    public string? AccessTokenMinutes { get; set; }

    public string? RefreshIdleHours { get; set; }

    public string? RefreshAbsoluteDays { get; set; }

    public string? HelpDeskPhone { get; set; }

    public string? HomePage { get; set; }

    public string? LogoUri { get; set; }

    /// <summary>A new client's form: a web portal asking for the OpenID Connect scopes and refresh tokens.</summary>
    public static ClientForm New() => new() { Kind = WebPortal, Assurance = MultiFactor, Scopes = [.. StandardScopes] };

    public static ClientForm From(ClientView client)
    {
        var metadata = client.Metadata;
        var grants = metadata.GrantTypes ?? [];
        return new ClientForm
        {
            Name = metadata.ClientName,
            Kind = !grants.Contains(GrantTypes.AuthorizationCode) ? Integration : metadata.TokenEndpointAuthMethod == ClientAuthMethods.None ? App : WebPortal,
            RedirectUris = Lines(metadata.RedirectUris),
            SignOutUris = Lines(metadata.PostLogoutRedirectUris),
            Scopes = [.. (metadata.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)],
            Origins = Lines(metadata.AllowedCorsOrigins),
            BackChannelLogoutUri = metadata.BackChannelLogoutUri,
            FrontChannelLogoutUri = metadata.FrontChannelLogoutUri,
            ConsentRequired = metadata.ConsentRequired ?? false,
            RequirePar = metadata.RequirePushedAuthorizationRequests ?? false,
            RequireDPoP = metadata.DPoPBoundAccessTokens ?? false,
            AllowSelfRegistration = metadata.AllowSelfRegistration ?? false,
            Assurance = metadata.DefaultAcrValues?.Contains("aal3") == true ? Passkey : MultiFactor,
            MaxSignInAgeMinutes = Whole(metadata.DefaultMaxAge, 60),
            AccessTokenMinutes = Whole(metadata.AccessTokenLifetime, 60),
            RefreshIdleHours = Whole(metadata.RefreshTokenLifetime, 3600),
            RefreshAbsoluteDays = Whole(metadata.RefreshTokenAbsoluteLifetime, 86_400),
            HelpDeskPhone = metadata.HelpDeskPhone,
            HomePage = metadata.ClientUri,
            LogoUri = metadata.LogoUri,
        };
    }

    /// <summary>
    /// The form as client metadata over <paramref name="stored"/> (null for a new client). The form's own problems
    /// (a kind not offered, a number that is not a whole number in range) go to <paramref name="problems"/> by the
    /// form's field names, in the page's language.
    /// </summary>
    public ClientMetadata ToMetadata(ClientMetadata? stored, IStringLocalizer text, IDictionary<string, string[]> problems)
    {
        var baseline = stored ?? new ClientMetadata();
        if (Kind is null || !Kinds.Contains(Kind))
        {
            problems[nameof(Kind)] = [text["ConsoleClient.ChooseKind"]];
        }

        if (Assurance is not null && !AssuranceChoices.Contains(Assurance))
        {
            problems[nameof(Assurance)] = [text["ConsoleClient.ChooseAssurance"]];
        }

        var redirects = Split(RedirectUris);
        var storedMethod = baseline.TokenEndpointAuthMethod is { } method && method != ClientAuthMethods.None ? method : ClientAuthMethods.SecretBasic;
        var scopes = Scopes.Where(scope => !string.IsNullOrWhiteSpace(scope)).Select(scope => scope.Trim()).Distinct(StringComparer.Ordinal).ToList();
        List<string> grants = Kind == Integration ? [GrantTypes.ClientCredentials] : [GrantTypes.AuthorizationCode];
        if (Kind != Integration && scopes.Contains(OfflineAccess))
        {
            grants.Add(GrantTypes.RefreshToken);
        }

        if (Kind == WebPortal && baseline.GrantTypes?.Contains(GrantTypes.ClientCredentials) == true)
        {
            grants.Add(GrantTypes.ClientCredentials); // a portal that also calls APIs as itself keeps doing so
        }

        // A public app with a private-use scheme (com.example.app:/callback) is a native app (RFC 8252).
        var native = Kind == App && (baseline.ApplicationType == "native" || redirects.Any(IsPrivateUse));
        return baseline with
        {
            ClientName = Name,
            TokenEndpointAuthMethod = Kind == App ? ClientAuthMethods.None : storedMethod,
            GrantTypes = grants,
            ResponseTypes = null,
            ApplicationType = native ? "native" : "web",
            RedirectUris = redirects,
            PostLogoutRedirectUris = Split(SignOutUris),
            Scope = scopes.Count == 0 ? null : string.Join(' ', scopes),
            AllowedCorsOrigins = Split(Origins),
            BackChannelLogoutUri = Blank(BackChannelLogoutUri),
            FrontChannelLogoutUri = Blank(FrontChannelLogoutUri),
            ConsentRequired = ConsentRequired,
            RequirePushedAuthorizationRequests = RequirePar,
            DPoPBoundAccessTokens = RequireDPoP,
            AllowSelfRegistration = AllowSelfRegistration,
            DefaultAcrValues = [Assurance == Passkey ? "aal3" : "aal2"],
            DefaultMaxAge = Number(MaxSignInAgeMinutes, nameof(MaxSignInAgeMinutes), 60, 400 * 24 * 60, text, problems),
            AccessTokenLifetime = Number(AccessTokenMinutes, nameof(AccessTokenMinutes), 60, 24 * 60, text, problems),
            RefreshTokenLifetime = Number(RefreshIdleHours, nameof(RefreshIdleHours), 3600, 400 * 24, text, problems),
            RefreshTokenAbsoluteLifetime = Number(RefreshAbsoluteDays, nameof(RefreshAbsoluteDays), 86_400, 400, text, problems),
            HelpDeskPhone = Blank(HelpDeskPhone),
            ClientUri = Blank(HomePage),
            LogoUri = Blank(LogoUri),
        };
    }

    /// <summary>The metadata field a problem of the rules is about, as the form's field (unknown fields: the summary only).</summary>
    public static string FieldOf(string metadataField) => metadataField switch
    {
        "client_id" => nameof(ClientId),
        "client_name" => nameof(Name),
        "redirect_uris" => nameof(RedirectUris),
        "post_logout_redirect_uris" => nameof(SignOutUris),
        "grant_types" or "response_types" or "token_endpoint_auth_method" or "application_type" or "jwks" or "jwks_uri" => nameof(Kind),
        "scope" => nameof(Scopes),
        "allowed_cors_origins" => nameof(Origins),
        "backchannel_logout_uri" => nameof(BackChannelLogoutUri),
        "frontchannel_logout_uri" => nameof(FrontChannelLogoutUri),
        "default_acr_values" => nameof(Assurance),
        "default_max_age" => nameof(MaxSignInAgeMinutes),
        "access_token_lifetime" => nameof(AccessTokenMinutes),
        "refresh_token_lifetime" => nameof(RefreshIdleHours),
        "refresh_token_absolute_lifetime" => nameof(RefreshAbsoluteDays),
        "help_desk_phone" => nameof(HelpDeskPhone),
        "client_uri" => nameof(HomePage),
        "logo_uri" => nameof(LogoUri),
        _ => "",
    };

    /// <summary>The rules' problems under the form's field names.</summary>
    public static Dictionary<string, string[]> FormProblems(IReadOnlyDictionary<string, string[]> problems) =>
        problems.GroupBy(pair => FieldOf(pair.Key), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.SelectMany(pair => pair.Value).ToArray(), StringComparer.Ordinal);

    private static bool IsPrivateUse(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp;

    private static List<string> Split(string? lines) =>
        [.. (lines ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];

    private static string? Lines(IReadOnlyList<string>? values) => values is { Count: > 0 } ? string.Join('\n', values) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Whole(int? seconds, int unit) =>
        seconds is { } value ? Math.Max(1, (int)Math.Round(value / (double)unit)).ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>A whole number of units from 1 to <paramref name="most"/>, in seconds; null when empty or wrong (then a problem).</summary>
    private static int? Number(string? value, string field, int unit, int most, IStringLocalizer text, IDictionary<string, string[]> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= most)
        {
            return number * unit;
        }

        problems[field] = [text["ConsoleClient.WholeNumber", 1, most]];
        return null;
    }
}
