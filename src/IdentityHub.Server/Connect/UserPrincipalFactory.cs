using System.Security.Claims;
using System.Text.Json;
using IdentityHub.Data.Users;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect;

/// <summary>Builds the principal OpenIddict turns into tokens, from the user's current record.</summary>
internal static class UserPrincipalFactory
{
    /// <summary>The value type IdentityModel writes into a token as a raw JSON array.</summary>
    private const string JsonArrayClaimType = "JSON_ARRAY";

    public static ClaimsIdentity Create(IdentityHubUser user, DateTimeOffset authTime, IReadOnlyCollection<string> methods, string acr)
    {
        var identity = new ClaimsIdentity(
            authenticationType: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme,
            nameType: Claims.Name,
            roleType: Claims.Role);

        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.AuthenticationTime, authTime.ToUnixTimeSeconds())
            .SetClaim(Claims.AuthenticationContextReference, acr);

        // amr is always a JSON array, even with one method (RFC 8176).
        identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, JsonSerializer.Serialize(methods), JsonArrayClaimType));
        return ApplyProfile(identity, user);
    }

    /// <summary>
    /// For a refresh or code exchange: keeps everything the earlier principal carried (sign-in time,
    /// methods, level, scopes, authorization, chain expiry) and takes the profile from the user record,
    /// so that a changed name or email reaches the portal at the next refresh.
    /// </summary>
    public static ClaimsIdentity Refresh(IdentityHubUser user, ClaimsPrincipal previous)
    {
        var identity = new ClaimsIdentity(previous.Claims, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        return ApplyProfile(identity, user);
    }

    private static ClaimsIdentity ApplyProfile(ClaimsIdentity identity, IdentityHubUser user)
    {
        identity.SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.GivenName, user.GivenName)
            .SetClaim(Claims.FamilyName, user.FamilyName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.EmailVerified, user.Email is null ? null : user.EmailConfirmed)
            .SetClaim(Claims.PhoneNumber, user.PhoneNumber)
            .SetClaim(Claims.PhoneNumberVerified, user.PhoneNumber is null ? null : user.PhoneNumberConfirmed);
        return identity;
    }
}
