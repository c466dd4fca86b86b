using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect;

/// <summary>
/// The one place that decides which claims go into which token. A claim not named here stays
/// inside the server's own tokens (codes, refresh tokens) and reaches no portal.
/// </summary>
internal static class ClaimDestinations
{
    private static readonly string[] IdentityOnly = [Destinations.IdentityToken];
    private static readonly string[] Both = [Destinations.AccessToken, Destinations.IdentityToken];
    private static readonly string[] AccessOnly = [Destinations.AccessToken];

    /// <summary>Sets every claim's destinations from the scopes granted to this identity.</summary>
    public static void Apply(ClaimsIdentity identity)
    {
        var scopes = identity.FindAll(Claims.Private.Scope).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var claim in identity.Claims)
        {
            claim.SetDestinations(For(claim.Type, scopes));
        }
    }

    private static string[] For(string type, HashSet<string> scopes) =>
        type switch
        {
            Claims.Subject => Both,
            Claims.Name or Claims.PreferredUsername => scopes.Contains(Scopes.Profile) ? Both : [],
            Claims.GivenName or Claims.FamilyName => scopes.Contains(Scopes.Profile) ? IdentityOnly : [],
            Claims.Email or Claims.EmailVerified => scopes.Contains(Scopes.Email) ? IdentityOnly : [],
            Claims.PhoneNumber or Claims.PhoneNumberVerified => scopes.Contains(Scopes.Phone) ? IdentityOnly : [],
            Claims.AuthenticationTime or Claims.AuthenticationMethodReference or Claims.AuthenticationContextReference => Both,
            Claims.Role or Governance.GovernanceClaims.Profile => Both,
            SessionClaims.SessionId => IdentityOnly,
            SessionClaims.ClientSubject => AccessOnly,
            // SMART (decision 0042): the patient in context is for the FHIR API (access token; the token response names
            // it too); a first-party portal with the member scope also reads it, with the member id, from the ID token.
            Smart.SmartClaims.Patient => scopes.Contains(Smart.SmartClaims.MemberScope) ? Both : scopes.Contains(Core.Smart.SmartScopes.LaunchPatient) ? AccessOnly : [],
            Smart.SmartClaims.MemberId => scopes.Contains(Smart.SmartClaims.MemberScope) ? Both : [],
            Smart.SmartClaims.FhirUser => scopes.Contains(Core.Smart.SmartScopes.FhirUser) ? IdentityOnly : [],
            _ => [],
        };
}
