using System.Text.Json;
using System.Text.Json.Serialization;
using IdentityHub.Core.Organizations;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Administration.Clients;

/// <summary>
/// What registrations made with one initial access token may ask for: grant types, the hosts redirect URIs may
/// point at, scopes, and whether the person is always asked to consent (third-party apps). Checked on the first
/// registration and on every later change through the registration access token.
/// </summary>
public sealed record RegistrationPolicy
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [JsonPropertyName("grant_types")]
    public IReadOnlyList<string> GrantTypes { get; init; } = [OpenIddict.Abstractions.OpenIddictConstants.GrantTypes.AuthorizationCode, OpenIddict.Abstractions.OpenIddictConstants.GrantTypes.RefreshToken];

    /// <summary>Hosts (exact, lower case) redirect, logout and CORS addresses may use; empty: any.</summary>
    [JsonPropertyName("redirect_hosts")]
    public IReadOnlyList<string> RedirectHosts { get; init; } = [];

    /// <summary>Scopes registrations may include; empty: the OpenID Connect ones only.</summary>
    [JsonPropertyName("scopes")]
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Whether the person is asked to consent to every client registered with the token (default: yes).</summary>
    [JsonPropertyName("consent_required")]
    public bool ConsentRequired { get; init; } = true;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RegistrationPolicy FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RegistrationPolicy>(json, Json) ?? new RegistrationPolicy();
        }
        catch (JsonException)
        {
            // An unreadable policy allows nothing beyond the defaults.
            return new RegistrationPolicy();
        }
    }

    /// <summary>
    /// Whether no initial access token can allow a scope: the admin API's (decision 0038) and <c>member</c> (decision 0042). A client that calls the
    /// admin API is registered by a platform administrator in the console or the API, never by itself.
    /// </summary>
    public static bool IsReserved(string scope) => scope is AdministrationScope.Name or Core.Members.MemberScope.Name;

    /// <summary>Checks a policy an administrator wrote: known grants, host names, known scopes, none reserved.</summary>
    public void Check(IReadOnlySet<string> apiScopes, FieldProblems problems, Core.Smart.SmartScopes? smart = null)
    {
        foreach (var grant in GrantTypes.Where(grant => !ClientMetadataRules.KnownGrantTypes.Contains(grant)))
        {
            problems.Add("policy.grant_types", $"'{grant}' is not supported; use {string.Join(", ", ClientMetadataRules.KnownGrantTypes)}.");
        }

        foreach (var host in RedirectHosts.Where(host => Uri.CheckHostName(host) is UriHostNameType.Unknown || host.Contains('*')))
        {
            problems.Add("policy.redirect_hosts", $"'{host}' is not a host name (exact names only, such as app.example.org).");
        }

        foreach (var scope in Scopes.Where(scope => !ClientMetadataRules.StandardScopes.Split(' ').Contains(scope) && !apiScopes.Contains(scope) && smart?.Contains(scope) != true))
        {
            problems.Add("policy.scopes", Core.Smart.SmartScopes.LooksLikeSmart(scope) ? ClientMetadataRules.UnknownScope(scope, smart) : $"'{scope}' is not a scope of this server.");
        }

        foreach (var scope in Scopes.Where(IsReserved))
        {
            problems.Add("policy.scopes", $"'{scope}' (the admin API, or the member's ids) cannot be given to self-registered clients; register such a client in the console or the admin API.");
        }
    }

    /// <summary>Checks a registration against the policy, naming the metadata field that asks for more than it allows.</summary>
    public void Enforce(ClientDefinition client, FieldProblems problems)
    {
        foreach (var grant in client.GrantTypes.Where(grant => !GrantTypes.Contains(grant)))
        {
            problems.Add("grant_types", $"Your initial access token does not allow the grant '{grant}'.");
        }

        var allowedScopes = ClientMetadataRules.StandardScopes.Split(' ').Concat(Scopes.Where(scope => !IsReserved(scope))).ToHashSet(StringComparer.Ordinal);
        foreach (var scope in client.Scopes.Where(scope => !allowedScopes.Contains(scope)))
        {
            problems.Add("scope", $"Your initial access token does not allow the scope '{scope}'.");
        }

        if (RedirectHosts.Count == 0)
        {
            return;
        }

        var addresses = new (string Field, IEnumerable<Uri> Uris)[]
        {
            ("redirect_uris", client.RedirectUris),
            ("post_logout_redirect_uris", client.PostLogoutRedirectUris),
            ("backchannel_logout_uri", client.Settings.BackChannelLogoutUri is { } back ? [back] : []),
            ("frontchannel_logout_uri", client.Settings.FrontChannelLogoutUri is { } front ? [front] : []),
            ("allowed_cors_origins", client.Settings.CorsOrigins.Select(origin => new Uri(origin))),
        };
        foreach (var (field, uris) in addresses)
        {
            foreach (var uri in uris.Where(uri => uri.Scheme is "http" or "https" && !RedirectHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)))
            {
                problems.Add(field, $"Your initial access token allows addresses on {string.Join(", ", RedirectHosts)} only, not {uri.Host}.");
            }
        }
    }
}
