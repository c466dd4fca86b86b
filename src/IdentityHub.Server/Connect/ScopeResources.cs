using System.Collections.Frozen;
using System.Collections.Immutable;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect;

/// <summary>
/// The audiences (resources) of the requested scopes. Every scope IdentityHub registers comes from
/// configuration at start (<c>IdentityHub:ApiResources</c>: a scope of the API's name, with the API as
/// its audience; the OpenID scopes have none), so the answer is read from the settings every node shares,
/// without a database query on each token. SMART scopes (but <c>fhirUser</c>, an ID-token claim) have the FHIR API
/// (<c>IdentityHub:Smart:FhirBaseUrl</c>) as audience. A scope the settings do not know (added to the database by
/// other means) sends the question to the database as before.
/// </summary>
public sealed class ScopeResources(IOpenIddictScopeManager scopes, IOptions<IdentityHubOptions> options)
{
    /// <summary>The OpenID Connect scopes IdentityHub registers; none has an audience.</summary>
    public static readonly string[] OpenIdScopes = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Phone, Scopes.OfflineAccess];

    /// <summary>IdentityHub's own scopes without an audience: <c>member</c> (claims about the member, for first-party portals).</summary>
    public static readonly string[] IdentityScopes = [Core.Members.MemberScope.Name];

    private static readonly FrozenSet<string> WithoutResources = OpenIdScopes.Concat(IdentityScopes).ToFrozenSet(StringComparer.Ordinal);

    public async Task<List<string>> ForAsync(ImmutableArray<string> requested, CancellationToken cancellationToken = default)
    {
        var apis = options.Value.ApiResources.Select(resource => resource.Name).ToHashSet(StringComparer.Ordinal);
        var smart = options.Value.Smart;
        var smartScopes = smart.Scopes();
        if (requested.All(scope => WithoutResources.Contains(scope) || apis.Contains(scope) || smartScopes.Contains(scope)))
        {
            // SMART scopes have the FHIR API as audience, written exactly as configured (the resource server compares it).
            return [.. requested.Where(apis.Contains).Distinct(StringComparer.Ordinal)
                .Concat(requested.Any(scope => smartScopes.Contains(scope) && scope != Core.Smart.SmartScopes.FhirUser) ? [smart.Audience!] : [])];
        }

        return await scopes.ListResourcesAsync(requested, cancellationToken).ToListAsync(cancellationToken);
    }
}
