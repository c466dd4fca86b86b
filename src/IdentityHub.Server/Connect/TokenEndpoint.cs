using System.Security.Claims;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using IdentityHub.Server.Configuration;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect;

/// <summary>
/// The token endpoint. OpenIddict has authenticated the client and validated the code (with PKCE)
/// or refresh token, and revokes the whole chain on replay; this code re-checks the user and applies
/// the absolute lifetime of the refresh-token chain.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext http,
        IOpenIddictApplicationManager applications,
        ScopeResources resources,
        IOptions<IdentityHubOptions> options,
        TimeProvider time)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            return await ForClientAsync(request, applications, resources);
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
        }

        // Resolved only for grants that involve a person: building Identity's managers is not free,
        // and integrations using client credentials call this endpoint far more often than people sign in.
        var users = http.RequestServices.GetRequiredService<UserManager<IdentityHubUser>>();
        var signIn = http.RequestServices.GetRequiredService<SignInManager<IdentityHubUser>>();
        var redeemed = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
        var user = await users.FindByIdAsync(redeemed.GetClaim(Claims.Subject) ?? "");
        if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            return Forbid(Errors.InvalidGrant, "The account can no longer sign in.");
        }

        var now = time.GetUtcNow();
        var chainEnds = long.TryParse(redeemed.GetClaim(SessionClaims.RefreshChainExpiresAt), out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : now + options.Value.Tokens.RefreshTokenAbsoluteLifetime;
        if (now >= chainEnds)
        {
            return Forbid(Errors.InvalidGrant, "The sign-in that issued this token has ended; sign in again.");
        }

        var identity = UserPrincipalFactory.Refresh(user, redeemed);
        if (redeemed.GetClaim(Governance.GovernanceClaims.Profile) is { } profileId)
        {
            // The security profile this sign-in chose must still be the person's (D4) and their access not on hold (D7).
            var role = await http.RequestServices.GetRequiredService<Governance.PortalProfiles>().RoleIfStillHeldAsync(user.Id, profileId, http.RequestAborted);
            if (role is null)
            {
                return Forbid(Errors.InvalidGrant, "The security profile this sign-in used is no longer the user's; sign in again.");
            }

            identity.SetClaim(Claims.Role, role);
        }

        var principal = new ClaimsPrincipal(identity);
        // The new refresh token lives its idle lifetime, but never past the end of the chain.
        var remaining = chainEnds - now;
        if (remaining < options.Value.Tokens.RefreshTokenLifetime)
        {
            principal.SetRefreshTokenLifetime(remaining);
        }

        ClaimDestinations.Apply(identity);
        return Results.SignIn(principal, Smart.PatientContext.ResponseParameters(principal), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> ForClientAsync(OpenIddictRequest request, IOpenIddictApplicationManager applications, ScopeResources resources)
    {
        var application = await applications.FindByClientIdAsync(request.ClientId!)
            ?? throw new InvalidOperationException("The client application cannot be found.");

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId)
            .SetClaim(SessionClaims.ClientSubject, request.ClientId)
            .SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application));
        identity.SetScopes(request.GetScopes());
        identity.SetResources(await resources.ForAsync(identity.GetScopes()));
        identity.SetDestinations(static claim => claim.Type switch
        {
            Claims.Subject or SessionClaims.ClientSubject => [Destinations.AccessToken],
            _ => [],
        });
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
