using IdentityHub.Data.Users;
using IdentityHub.Server.Connect.DPoP;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect;

/// <summary>The userinfo endpoint (GET and POST): the user's current profile, filtered by the token's scopes.</summary>
internal static class UserInfoEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, UserManager<IdentityHubUser> users, DPoPUserInfo dpop, Microsoft.Extensions.Options.IOptions<Configuration.IdentityHubOptions> options)
    {
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
        // A DPoP-bound token needs its scheme and a proof by its key (RFC 9449 §7).
        if (await dpop.RefusalAsync(http, principal, http.GetOpenIddictServerRequest()?.AccessToken) is { } refusal)
        {
            return refusal;
        }

        var user = await users.FindByIdAsync(principal.GetClaim(Claims.Subject) ?? "");
        if (user is null)
        {
            return Results.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The account this token was issued to no longer exists.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object?>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.DisplayName;
            claims[Claims.GivenName] = user.GivenName;
            claims[Claims.FamilyName] = user.FamilyName;
            claims[Claims.PreferredUsername] = user.UserName;
        }

        if (principal.HasScope(Scopes.Email) && user.Email is not null)
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = user.EmailConfirmed;
        }

        if (principal.HasScope(Scopes.Phone) && user.PhoneNumber is not null)
        {
            claims[Claims.PhoneNumber] = user.PhoneNumber;
            claims[Claims.PhoneNumberVerified] = user.PhoneNumberConfirmed;
        }

        // The member claims, as the ID token has them (fhirUser; member_id and patient with the member scope), read afresh.
        if (await Smart.PatientContext.ForAsync(http, user.Id, principal.GetScopes()) is { } member)
        {
            if (principal.HasScope(Core.Smart.SmartScopes.FhirUser) && member.PatientId is { } patient)
            {
                claims[Smart.SmartClaims.FhirUser] = Smart.PatientContext.FhirUserOf(options.Value.Smart, patient);
            }

            if (principal.HasScope(Smart.SmartClaims.MemberScope))
            {
                claims[Smart.SmartClaims.MemberId] = member.MemberId;
                claims[Smart.SmartClaims.Patient] = member.PatientId;
            }
        }

        return Results.Ok(claims.Where(pair => pair.Value is not null).ToDictionary());
    }
}
