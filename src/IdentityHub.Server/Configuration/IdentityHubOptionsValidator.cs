using IdentityHub.Core.Assurance;
using IdentityHub.Core.Keys;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Mfa;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Configuration;

/// <summary>
/// Checks the settings when the server starts; each failure names the configuration key to fix.
/// </summary>
internal sealed class IdentityHubOptionsValidator : IValidateOptions<IdentityHubOptions>
{
    private static readonly string[] KnownGrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials];

    public ValidateOptionsResult Validate(string? name, IdentityHubOptions options)
    {
        var failures = new List<string>();
        const string root = IdentityHubOptions.Section;

        if (options.Issuer is { } issuer && (!issuer.IsAbsoluteUri || issuer.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(issuer.Query)))
        {
            failures.Add($"{root}:Issuer must be an absolute http(s) URL without a query string.");
        }

        if (string.IsNullOrWhiteSpace(options.DataFolder))
        {
            failures.Add($"{root}:DataFolder must name a folder.");
        }

        if (options.Database.RetryAfter < TimeSpan.FromSeconds(1) || options.Database.RetryAfter > TimeSpan.FromHours(1))
        {
            failures.Add($"{root}:Database:RetryAfter must be between 00:00:01 and 01:00:00.");
        }

        Positive(failures, $"{root}:Tokens:AccessTokenLifetime", options.Tokens.AccessTokenLifetime);
        Positive(failures, $"{root}:Tokens:IdentityTokenLifetime", options.Tokens.IdentityTokenLifetime);
        Positive(failures, $"{root}:Tokens:AuthorizationCodeLifetime", options.Tokens.AuthorizationCodeLifetime);
        Positive(failures, $"{root}:Tokens:RefreshTokenLifetime", options.Tokens.RefreshTokenLifetime);
        Positive(failures, $"{root}:Tokens:RefreshTokenAbsoluteLifetime", options.Tokens.RefreshTokenAbsoluteLifetime);
        if (options.Tokens.PushedRequestLifetime < TimeSpan.FromMinutes(1) || options.Tokens.PushedRequestLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"{root}:Tokens:PushedRequestLifetime must be between 00:01:00 and 01:00:00: a pushed request must outlast a sign-in.");
        }
        if (options.Tokens.RefreshTokenReuseLeeway < TimeSpan.Zero)
        {
            failures.Add($"{root}:Tokens:RefreshTokenReuseLeeway cannot be negative.");
        }

        if (options.ClientCacheLifetime < TimeSpan.Zero)
        {
            failures.Add($"{root}:ClientCacheLifetime cannot be negative (00:00:00 turns the cache off).");
        }

        if (options.Tokens.RefreshTokenAbsoluteLifetime < options.Tokens.RefreshTokenLifetime)
        {
            failures.Add($"{root}:Tokens:RefreshTokenAbsoluteLifetime must be at least {root}:Tokens:RefreshTokenLifetime.");
        }

        Positive(failures, $"{root}:Keys:RotationInterval", options.Keys.RotationInterval);
        Positive(failures, $"{root}:Keys:RefreshInterval", options.Keys.RefreshInterval);
        if (options.Keys.PublishAhead < TimeSpan.Zero || options.Keys.PublishAhead >= options.Keys.RotationInterval)
        {
            failures.Add($"{root}:Keys:PublishAhead must be zero or more and shorter than {root}:Keys:RotationInterval.");
        }

        failures.AddRange(options.Logout.Problems($"{root}:Logout"));
        Positive(failures, $"{root}:Session:IdleTimeout", options.Session.IdleTimeout);
        Positive(failures, $"{root}:Session:AbsoluteLifetime", options.Session.AbsoluteLifetime);
        if (options.Session.RevalidationInterval < TimeSpan.Zero)
        {
            failures.Add($"{root}:Session:RevalidationInterval cannot be negative (00:00:00 checks on every request).");
        }

        if (options.Session.CacheLifetime < TimeSpan.Zero || options.Session.CacheLifetime > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{root}:Session:CacheLifetime must be between 00:00:00 (read on every request) and 00:01:00: an ended session is refused on other nodes within this time.");
        }

        if (options.Session.LastSeenPrecision < TimeSpan.Zero || options.Session.LastSeenPrecision >= options.Session.IdleTimeout)
        {
            failures.Add($"{root}:Session:LastSeenPrecision must be at least 00:00:00 and shorter than Session:IdleTimeout.");
        }

        Positive(failures, $"{root}:Session:RecordRetention", options.Session.RecordRetention);

        ValidateResources(failures, options);
        ValidateClients(failures, options);
        ValidateMfa(failures, options.Mfa, $"{root}:Mfa");
        failures.AddRange(options.Passwords.Validate($"{root}:Passwords"));
        if (options.Lockout.MaxFailedAttempts is < 1 or > 100)
        {
            failures.Add($"{root}:Lockout:MaxFailedAttempts must be between 1 and 100.");
        }

        Positive(failures, $"{root}:Lockout:Duration", options.Lockout.Duration);
        Positive(failures, $"{root}:Inactivity:DisableAfter", options.Inactivity.DisableAfter);
        Positive(failures, $"{root}:Inactivity:CheckInterval", options.Inactivity.CheckInterval);
        failures.AddRange(options.RateLimits.Validate($"{root}:RateLimits"));
        failures.AddRange(options.DPoP.Validate($"{root}:DPoP"));
        failures.AddRange(options.Smart.Validate($"{root}:Smart"));
        failures.AddRange(options.Overload.Validate($"{root}:Overload"));
        failures.AddRange(options.Network.Validate($"{root}:Network"));
        failures.AddRange(options.Node.Validate($"{root}:Node"));
        failures.AddRange(options.SecurityQuestions.Validate($"{root}:SecurityQuestions", options.Passwords.Preset));

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateResources(List<string> failures, IdentityHubOptions options)
    {
        for (var i = 0; i < options.ApiResources.Count; i++)
        {
            var resource = options.ApiResources[i];
            if (!IsScopeToken(resource.Name) || resource.Name is Scopes.OpenId or Scopes.Profile or Scopes.Email or Scopes.Phone or Scopes.OfflineAccess)
            {
                failures.Add($"{IdentityHubOptions.Section}:ApiResources:{i}:Name must be a scope name (letters, digits, '-', '_', ':', '.') that is not a standard OpenID Connect scope.");
            }

            if (resource.AccessTokenSigningAlgorithm is { } algorithm && !TokenSigningAlgorithms.IsSupported(algorithm))
            {
                failures.Add($"{IdentityHubOptions.Section}:ApiResources:{i}:AccessTokenSigningAlgorithm is '{algorithm}'; allowed values are {TokenSigningAlgorithms.Listed} (RS256 when left out).");
            }
        }
    }

    private static void ValidateClients(List<string> failures, IdentityHubOptions options)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var apiScopes = options.ApiResources.Select(resource => resource.Name).ToHashSet(StringComparer.Ordinal);
        var smart = options.Smart.Scopes();
        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            var key = $"{IdentityHubOptions.Section}:Clients:{i}";
            if (string.IsNullOrWhiteSpace(client.ClientId) || client.ClientId.Length > 100)
            {
                failures.Add($"{key}:ClientId is required (at most 100 characters).");
            }
            else if (!seen.Add(client.ClientId))
            {
                failures.Add($"{key}:ClientId '{client.ClientId}' is registered twice.");
            }

            var grants = client.GrantTypes.Count == 0 ? [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken] : client.GrantTypes;
            foreach (var grant in grants.Where(grant => !KnownGrantTypes.Contains(grant)))
            {
                failures.Add($"{key}:GrantTypes has '{grant}'; allowed values are {string.Join(", ", KnownGrantTypes)}.");
            }

            if (grants.Contains(GrantTypes.AuthorizationCode) && client.RedirectUris.Count == 0)
            {
                failures.Add($"{key}:RedirectUris needs at least one URL for the authorization code grant.");
            }

            if (grants.Contains(GrantTypes.ClientCredentials) && string.IsNullOrEmpty(client.ClientSecret))
            {
                failures.Add($"{key}:ClientSecret is required for the client_credentials grant.");
            }

            foreach (var uri in client.RedirectUris.Concat(client.PostLogoutRedirectUris).Where(uri => !uri.IsAbsoluteUri || !string.IsNullOrEmpty(uri.Fragment)))
            {
                failures.Add($"{key}: '{uri}' must be an absolute URL without a fragment (RedirectUris, PostLogoutRedirectUris).");
            }

            if (client.ClientUri is { } home && (!home.IsAbsoluteUri || home.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(home.Fragment)))
            {
                failures.Add($"{key}:ClientUri must be an absolute http(s) URL without a fragment (the portal's home page).");
            }

            foreach (var origin in client.AllowedCorsOrigins.Where(origin => !Core.Clients.OriginNames.IsRegistrable(origin)))
            {
                failures.Add($"{key}:AllowedCorsOrigins has '{origin}'; an origin is scheme://host[:port] with no path, not even '/' (https, or http on localhost).");
            }

            if (client.IdTokenSigningAlgorithm is { } algorithm && !TokenSigningAlgorithms.IsSupported(algorithm))
            {
                failures.Add($"{key}:IdTokenSigningAlgorithm is '{algorithm}'; allowed values are {TokenSigningAlgorithms.Listed} (RS256 when left out).");
            }

            if (client.Assurance is not null && ClientPolicy.AssuranceFrom(client.Assurance) is null)
            {
                failures.Add($"{key}:Assurance is '{client.Assurance}'; use aal2 or aal3.");
            }

            foreach (var (name, value) in new[]
            {
                ("AccessTokenLifetime", client.AccessTokenLifetime), ("RefreshTokenLifetime", client.RefreshTokenLifetime),
                ("RefreshTokenAbsoluteLifetime", client.RefreshTokenAbsoluteLifetime), ("MaxSessionAge", client.MaxSessionAge),
            })
            {
                if (value is { } duration && duration <= TimeSpan.Zero)
                {
                    failures.Add($"{key}:{name} must be a positive duration (for example 00:10:00), or left out for the server's default.");
                }
            }

            if (client.LogoUri is { } logo && (!logo.IsAbsoluteUri || logo.Scheme is not ("https" or "http")))
            {
                failures.Add($"{key}:LogoUri must be an absolute http(s) URL.");
            }

            foreach (var scope in client.Scopes.Where(scope => !apiScopes.Contains(scope) && !smart.Contains(scope) && scope != Core.Members.MemberScope.Name))
            {
                failures.Add(Core.Smart.SmartScopes.LooksLikeSmart(scope) && !options.Smart.Enabled
                    ? $"{key}:Scopes has the SMART scope '{scope}', but SMART is off: set {IdentityHubOptions.Section}:Smart:FhirBaseUrl to offer SMART scopes."
                    : Core.Smart.SmartScopes.LooksLikeSmart(scope)
                        ? $"{key}:Scopes has '{scope}', which is not a SMART v2 scope of {IdentityHubOptions.Section}:Smart:ResourceTypes (context/Type.cruds, for example patient/Observation.rs)."
                        : $"{key}:Scopes has '{scope}', which is not one of {IdentityHubOptions.Section}:ApiResources.");
            }

            if (Core.Smart.SmartScopes.GrantMismatch(client.Scopes, grants.Contains(GrantTypes.AuthorizationCode), grants.Contains(GrantTypes.ClientCredentials)) is { } mismatch)
            {
                failures.Add($"{key}:Scopes: {mismatch}");
            }
        }
    }

    private static void ValidateMfa(List<string> failures, MfaOptions mfa, string key)
    {
        failures.AddRange(mfa.Codes.Validate($"{key}:Codes"));
        Positive(failures, $"{key}:EnrollmentTimeout", mfa.EnrollmentTimeout);
        Positive(failures, $"{key}:FreshCheckWindow", mfa.FreshCheckWindow);
        Positive(failures, $"{key}:RememberDevice:Lifetime", mfa.RememberDevice.Lifetime);
        foreach (var kind in mfa.Methods.Where(kind => MfaMethods.Find(kind) is not { Enrollable: true }))
        {
            failures.Add($"{key}:Methods has '{kind}'; the enrollment wizard offers {string.Join(", ", MfaMethods.All.Where(method => method.Enrollable).Select(method => method.Kind))} (passkeys are added on the account page).");
        }

        var counting = mfa.Methods.Where(kind => MfaMethods.Find(kind)?.AssuranceUnder(mfa.Preset).CountsAsSecondFactor == true).ToList();
        if (counting.Count == 0)
        {
            failures.Add($"{key}:Methods must offer at least one method that counts as a second factor under the {mfa.Preset} preset (email codes do not count under Nist).");
        }

        if (Core.Mfa.PhoneNumbers.Countries().All(country => country.RegionCode != mfa.DefaultCountry))
        {
            failures.Add($"{key}:DefaultCountry '{mfa.DefaultCountry}' is not a known two-letter country code.");
        }
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be a positive duration (for example 00:10:00).");
        }
    }

    private static bool IsScopeToken(string value) =>
        value.Length is > 0 and <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.');
}
