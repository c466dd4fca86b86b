using System.Collections.Immutable;
using System.Security.Claims;
using IdentityHub.Core.Smart;
using IdentityHub.Server.Members;
using OpenIddict.Abstractions;
using Microsoft.AspNetCore.Authentication;

namespace IdentityHub.Server.Smart;

/// <summary>
/// The member behind a sign-in, for the scopes that speak about them: <c>launch/patient</c> (the <c>patient</c> claim and
/// token-response parameter), <c>fhirUser</c> (the ID token's <c>fhirUser</c>, the member's Patient resource URL) and
/// <c>member</c> (member id and Patient id for first-party portals). The link comes from the member accounts written at
/// registration (<see cref="MemberLinks"/>).
/// </summary>
internal static class PatientContext
{
    /// <summary>The person's member link when a requested scope needs it; null when none does or the account has none.</summary>
    public static async Task<MemberLink?> ForAsync(HttpContext http, string userId, ImmutableArray<string> scopes) =>
        scopes.Any(scope => scope is SmartScopes.LaunchPatient or SmartScopes.FhirUser or SmartClaims.MemberScope)
            ? await http.RequestServices.GetRequiredService<MemberLinks>().ForUserAsync(userId, http.RequestAborted)
            : null;

    /// <summary>Adds the member claims the granted scopes allow (ClaimDestinations decides where each goes).</summary>
    public static void AddClaims(ClaimsIdentity identity, MemberLink? member, SmartOptions smart)
    {
        var scopes = identity.GetScopes();
        if (member is null)
        {
            return;
        }

        if (member.PatientId is { } patient && (scopes.Contains(SmartScopes.LaunchPatient) || scopes.Contains(SmartClaims.MemberScope)))
        {
            identity.SetClaim(SmartClaims.Patient, patient);
        }

        if (member.PatientId is { } id && scopes.Contains(SmartScopes.FhirUser) && FhirUserOf(smart, id) is { } fhirUser)
        {
            identity.SetClaim(SmartClaims.FhirUser, fhirUser);
        }

        if (scopes.Contains(SmartClaims.MemberScope))
        {
            identity.SetClaim(SmartClaims.MemberId, member.MemberId);
        }
    }

    /// <summary>The member's Patient resource URL, <c>{FhirBaseUrl}/Patient/{id}</c>, or null while SMART is off.</summary>
    public static string? FhirUserOf(SmartOptions smart, string patientId) =>
        smart.Audience is { } fhir ? $"{fhir.TrimEnd('/')}/Patient/{Uri.EscapeDataString(patientId)}" : null;

    /// <summary>
    /// The token response's <c>patient</c> parameter (SMART App Launch 2 §2.0.8) when <c>launch/patient</c> was granted,
    /// for a code exchange and every refresh; OpenIddict adds sign-in properties' parameters to the response.
    /// </summary>
    public static AuthenticationProperties? ResponseParameters(ClaimsPrincipal principal)
    {
        if (!principal.HasScope(SmartScopes.LaunchPatient) || principal.GetClaim(SmartClaims.Patient) is not { } patient)
        {
            return null;
        }

        var properties = new AuthenticationProperties();
        properties.Parameters[SmartClaims.Patient] = patient;
        return properties;
    }
}
