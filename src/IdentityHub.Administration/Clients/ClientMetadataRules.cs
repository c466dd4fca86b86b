using System.Text.Json;
using IdentityHub.Core.Assurance;
using IdentityHub.Core.Clients;
using IdentityHub.Core.Keys;
using IdentityHub.Core.Smart;
using Microsoft.IdentityModel.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Administration.Clients;

/// <summary>
/// The one set of rules every registration path applies (the admin API and console, dynamic registration, the
/// configuration's clients): https redirect URIs (http only on loopback; custom schemes only for native apps, RFC
/// 8252), no wildcards or fragments, known grants and scopes, keys for <c>private_key_jwt</c>. Each problem names the
/// metadata field it is about; <see cref="ErrorCode"/> gives the RFC 7591 error for a set of problems.
/// </summary>
public static class ClientMetadataRules
{
    public const string StandardScopes = "openid profile email phone offline_access";
    public static readonly IReadOnlyList<string> KnownGrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials];

    private const int MaxUris = 20;
    private const int MaxUriLength = 2000;
    private static readonly string[] OpenIdScopes = StandardScopes.Split(' ');

    /// <summary>
    /// Checks the metadata against the registered API scopes and, when the token server offers SMART
    /// (<paramref name="smart"/>), its SMART scopes; null with <paramref name="problems"/> filled when something is wrong.
    /// </summary>
    public static ClientDefinition? Check(ClientMetadata metadata, IReadOnlySet<string> apiScopes, FieldProblems problems, string fallbackName, SmartScopes? smart = null)
    {
        var name = problems.Text("client_name", metadata.ClientName, "client name", 200, required: false);
        var applicationType = metadata.ApplicationType?.Trim() ?? "web";
        if (applicationType is not ("web" or "native"))
        {
            problems.Add("application_type", "application_type must be 'web' or 'native'.");
        }

        var grants = Distinct(metadata.GrantTypes) is { Count: > 0 } listed ? listed : [GrantTypes.AuthorizationCode];
        foreach (var grant in grants.Where(grant => !KnownGrantTypes.Contains(grant)))
        {
            problems.Add("grant_types", $"'{grant}' is not supported; use {string.Join(", ", KnownGrantTypes)}.");
        }

        var codeFlow = grants.Contains(GrantTypes.AuthorizationCode);
        if (grants.Contains(GrantTypes.RefreshToken) && !codeFlow)
        {
            problems.Add("grant_types", "refresh_token needs authorization_code: refresh tokens are issued to people's sign-ins only.");
        }

        var responses = Distinct(metadata.ResponseTypes) is { Count: > 0 } types ? types : codeFlow ? ["code"] : [];
        if (responses.Any(type => type != "code") || responses.Count > 0 && !codeFlow)
        {
            problems.Add("response_types", "Only the response type 'code' is supported, with the authorization_code grant.");
        }

        var method = metadata.TokenEndpointAuthMethod?.Trim() ?? ClientAuthMethods.SecretBasic;
        if (!ClientAuthMethods.All.Contains(method))
        {
            problems.Add("token_endpoint_auth_method", $"'{method}' is not supported; use {string.Join(", ", ClientAuthMethods.All)}.");
        }
        else if (method == ClientAuthMethods.None && grants.Contains(GrantTypes.ClientCredentials))
        {
            problems.Add("token_endpoint_auth_method", "client_credentials needs a client that authenticates: a public client ('none') cannot use it.");
        }

        var keys = CheckKeys(metadata, method, problems);
        var redirects = Uris(metadata.RedirectUris, "redirect_uris", applicationType, problems);
        if (codeFlow && redirects.Count == 0 && metadata.RedirectUris is not { Count: > 0 })
        {
            problems.Add("redirect_uris", "At least one redirect URI is needed for the authorization_code grant.");
        }

        var postLogout = Uris(metadata.PostLogoutRedirectUris, "post_logout_redirect_uris", applicationType, problems);
        var scopes = Scopes(metadata.Scope, apiScopes, smart, problems);
        if (SmartScopes.GrantMismatch(scopes, codeFlow, grants.Contains(GrantTypes.ClientCredentials)) is { } mismatch)
        {
            problems.Add("scope", mismatch);
        }

        var settings = new ClientSettings
        {
            CorsOrigins = Origins(metadata.AllowedCorsOrigins, problems),
            BackChannelLogoutUri = OneUri(metadata.BackChannelLogoutUri, "backchannel_logout_uri", problems),
            BackChannelLogoutSessionRequired = metadata.BackChannelLogoutSessionRequired ?? true,
            FrontChannelLogoutUri = OneUri(metadata.FrontChannelLogoutUri, "frontchannel_logout_uri", problems),
            FrontChannelLogoutSessionRequired = metadata.FrontChannelLogoutSessionRequired ?? true,
            RequireDPoP = metadata.DPoPBoundAccessTokens ?? false,
            Assurance = Assurance(metadata.DefaultAcrValues, problems),
            AllowRememberDevice = metadata.AllowRememberDevice ?? true,
            AllowPasskeySignIn = metadata.AllowPasskeySignIn ?? true,
            AllowSelfRegistration = metadata.AllowSelfRegistration ?? false,
            MaxSessionAge = Seconds(metadata.DefaultMaxAge, "default_max_age", 60, 400 * 86_400, problems),
            RefreshTokenAbsoluteLifetime = Seconds(metadata.RefreshTokenAbsoluteLifetime, "refresh_token_absolute_lifetime", 60, 400 * 86_400, problems),
            HelpDeskPhone = Phone(metadata.HelpDeskPhone, problems),
            ClientUri = OneUri(metadata.ClientUri, "client_uri", problems),
            LogoUri = OneUri(metadata.LogoUri, "logo_uri", problems),
            Publisher = problems.Text("publisher", metadata.Publisher, "publisher", 200, required: false) is { Length: > 0 } publisher ? publisher : null,
            JwksUri = keys.Uri,
            IdTokenSigningAlgorithm = IdTokenAlgorithm(metadata.IdTokenSignedResponseAlg, problems),
        };
        var refresh = Seconds(metadata.RefreshTokenLifetime, "refresh_token_lifetime", 60, 400 * 86_400, problems);
        if (refresh is { } idle && settings.RefreshTokenAbsoluteLifetime is { } absolute && absolute < idle)
        {
            problems.Add("refresh_token_absolute_lifetime", "refresh_token_absolute_lifetime must be at least refresh_token_lifetime.");
        }

        if (problems.Any)
        {
            return null;
        }

        return new ClientDefinition
        {
            DisplayName = name.Length > 0 ? name : fallbackName,
            AuthMethod = method,
            GrantTypes = grants,
            RedirectUris = redirects,
            PostLogoutRedirectUris = postLogout,
            Scopes = scopes,
            ConsentRequired = metadata.ConsentRequired ?? false,
            RequirePushedAuthorization = metadata.RequirePushedAuthorizationRequests ?? false,
            ApplicationType = applicationType,
            AccessTokenLifetime = Seconds(metadata.AccessTokenLifetime, "access_token_lifetime", 30, 86_400, problems),
            RefreshTokenLifetime = refresh,
            JsonWebKeySet = keys.Inline,
            Settings = settings,
        };
    }

    /// <summary>The RFC 7591 §3.2.2 error for these problems: <c>invalid_redirect_uri</c> when a redirect URI is wrong, else <c>invalid_client_metadata</c>.</summary>
    public static string ErrorCode(IReadOnlyDictionary<string, string[]> problems) =>
        problems.ContainsKey("redirect_uris") || problems.ContainsKey("post_logout_redirect_uris") ? "invalid_redirect_uri" : "invalid_client_metadata";

    /// <summary>One sentence for an OAuth error_description: each field and its first problem.</summary>
    public static string Describe(IReadOnlyDictionary<string, string[]> problems) =>
        string.Join(" ", problems.Select(pair => $"{pair.Key}: {pair.Value[0]}"));

    private static List<string> Distinct(IReadOnlyList<string>? values) =>
        values is null ? [] : [.. values.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value.Trim()).Distinct(StringComparer.Ordinal)];

    private static List<Uri> Uris(IReadOnlyList<string>? values, string field, string applicationType, FieldProblems problems)
    {
        var uris = new List<Uri>();
        if (values is { Count: > MaxUris })
        {
            problems.Add(field, $"At most {MaxUris} URIs may be registered.");
            return uris;
        }

        foreach (var value in values ?? [])
        {
            if (RedirectProblem(value, applicationType) is { } problem)
            {
                problems.Add(field, problem);
            }
            else
            {
                uris.Add(new Uri(value));
            }
        }

        return uris;
    }

    /// <summary>Why a redirect URI cannot be registered, or null: exact, absolute, no fragment or wildcard; https, loopback http, or a native app's private-use scheme.</summary>
    public static string? RedirectProblem(string? value, string applicationType)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxUriLength || value.Any(char.IsWhiteSpace) || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return $"'{value}' is not an absolute URI.";
        }

        if (value.Contains('#'))
        {
            return $"'{value}' has a fragment; redirect URIs cannot.";
        }

        if (value.Contains('*'))
        {
            return $"'{value}' has a wildcard; redirect URIs are matched exactly.";
        }

        if (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri))
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            return $"'{value}' uses http; only https is allowed, except on localhost.";
        }

        // RFC 8252 §7.1: a private-use scheme, in reverse-domain form, for native apps only.
        return applicationType == "native" && uri.Scheme.Contains('.') && uri.Scheme is not ("javascript" or "data" or "file")
            ? null
            : $"'{value}' uses the scheme '{uri.Scheme}'; web clients use https, native apps a reverse-domain scheme such as com.example.app.";
    }

    // OpenID Connect Registration's id_token_signed_response_alg: one of the algorithms the server keeps keys for
    // (decision 0043); RS256, the default, is stored as no choice. "none" and the HMAC algorithms are never offered.
    private static string? IdTokenAlgorithm(string? value, FieldProblems problems)
    {
        var algorithm = value?.Trim();
        if (string.IsNullOrEmpty(algorithm) || algorithm == TokenSigningAlgorithms.Default)
        {
            return null;
        }

        if (!TokenSigningAlgorithms.IsSupported(algorithm))
        {
            problems.Add("id_token_signed_response_alg", $"'{algorithm}' is not supported; use {TokenSigningAlgorithms.Listed}.");
            return null;
        }

        return algorithm;
    }

    private static Uri? OneUri(string? value, string field, FieldProblems problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.Length > MaxUriLength || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Fragment)
            || !(uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
        {
            problems.Add(field, $"{field} must be an absolute https URL without a fragment (http only on localhost).");
            return null;
        }

        return uri;
    }

    private static List<string> Origins(IReadOnlyList<string>? values, FieldProblems problems)
    {
        var origins = new List<string>();
        foreach (var value in Distinct(values))
        {
            if (!OriginNames.IsRegistrable(value))
            {
                problems.Add("allowed_cors_origins", $"'{value}' is not an origin: scheme, host and port only, such as https://app.example.org (http only on localhost).");
                continue;
            }

            origins.Add(OriginNames.Normalize(value)!);
        }

        return origins;
    }

    private static List<string> Scopes(string? scope, IReadOnlySet<string> apiScopes, SmartScopes? smart, FieldProblems problems)
    {
        var requested = string.IsNullOrWhiteSpace(scope) ? OpenIdScopes : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var unknown in requested.Where(name => !OpenIdScopes.Contains(name) && !apiScopes.Contains(name) && smart?.Contains(name) != true && name != Core.Members.MemberScope.Name))
        {
            problems.Add("scope", UnknownScope(unknown, smart));
        }

        return [.. requested];
    }

    /// <summary>Why a scope is refused, in terms of what the server offers (SMART scopes get their own words).</summary>
    internal static string UnknownScope(string scope, SmartScopes? smart) =>
        !SmartScopes.LooksLikeSmart(scope) ? $"'{scope}' is not a scope of this server; use {StandardScopes} or a registered API scope."
        : smart is null || smart.ResourceTypes.Count == 0 ? $"'{scope}' is a SMART scope, but this server does not offer SMART (the token server's IdentityHub:Smart:FhirBaseUrl is not set)."
        : $"'{scope}' is not a SMART scope of this server: use a v2 scope (context/Type.cruds, for example patient/Observation.rs) for one of {string.Join(", ", smart.ResourceTypes.Order(StringComparer.Ordinal))}, or *.";

    private static (string? Inline, Uri? Uri) CheckKeys(ClientMetadata metadata, string method, FieldProblems problems)
    {
        var inline = metadata.Jwks is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } jwks ? jwks : (JsonElement?)null;
        var uri = OneUri(metadata.JwksUri, "jwks_uri", problems);
        if (inline is not null && metadata.JwksUri is not null)
        {
            problems.Add("jwks", "Send jwks or jwks_uri, not both.");
            return (null, null);
        }

        if (method == ClientAuthMethods.PrivateKeyJwt && inline is null && metadata.JwksUri is null)
        {
            problems.Add("jwks", "private_key_jwt needs the client's public keys: jwks (inline) or jwks_uri.");
        }

        if (inline is not { } set)
        {
            return (null, uri);
        }

        try
        {
            var text = set.GetRawText();
            var parsed = new JsonWebKeySet(text);
            if (parsed.Keys.Count == 0 || parsed.Keys.Any(key => key.Kty is not ("RSA" or "EC")))
            {
                problems.Add("jwks", "jwks must hold at least one RSA or EC public key.");
            }
            else if (parsed.Keys.Any(key => key.D is not null || key.HasPrivateKey))
            {
                problems.Add("jwks", "jwks holds a private key; register public keys only.");
            }

            return (text, uri);
        }
        catch (Exception exception) when (exception is ArgumentException or JsonException or InvalidOperationException)
        {
            problems.Add("jwks", "jwks is not a JWK Set ({\"keys\": [...]}).");
            return (null, uri);
        }
    }

    private static string? Assurance(IReadOnlyList<string>? values, FieldProblems problems)
    {
        var listed = Distinct(values);
        if (listed.Count == 0)
        {
            return null;
        }

        var known = listed.Select(value => AssuranceLevels.All.Contains(value) ? value : value switch { "aal2" => AssuranceLevels.MultiFactor, "aal3" => AssuranceLevels.PhishingResistant, _ => null }).ToList();
        if (known.Any(level => level is null))
        {
            problems.Add("default_acr_values", $"Use values of acr_values_supported ({string.Join(", ", AssuranceLevels.All)}) or aal2, aal3.");
            return null;
        }

        // The least of the listed levels that still meets MFA: a level below it would not be honoured anyway.
        return known.Contains(AssuranceLevels.MultiFactor) || !known.Contains(AssuranceLevels.PhishingResistant) ? null : "aal3";
    }

    private static TimeSpan? Seconds(int? value, string field, int least, int most, FieldProblems problems)
    {
        if (value is null)
        {
            return null;
        }

        if (value < least || value > most)
        {
            problems.Add(field, $"{field} is in seconds, from {least} to {most}.");
            return null;
        }

        return TimeSpan.FromSeconds(value.Value);
    }

    private static string? Phone(string? value, FieldProblems problems)
    {
        var phone = problems.Text("help_desk_phone", value, "help-desk phone", 30, required: false);
        if (phone.Length > 0 && !phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '(' or ')' or ' ' or '.'))
        {
            problems.Add("help_desk_phone", "The help-desk phone may hold digits, spaces and + - ( ) . only.");
        }

        return phone.Length > 0 ? phone : null;
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback;
}
