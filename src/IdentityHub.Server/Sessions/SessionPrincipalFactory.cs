using System.Security.Claims;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// The session cookie's principal: the user's id, username, email and security stamp, all read from
/// the user record already loaded. Identity's own factory also reads the user-claims and role tables,
/// two queries at every sign-in and every security-stamp refresh, and IdentityHub keeps nothing there:
/// what a portal learns about a person comes from <see cref="Connect.UserPrincipalFactory"/>.
/// </summary>
public sealed class SessionPrincipalFactory(UserManager<IdentityHubUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<IdentityHubUser>(users, options)
{
    protected override Task<ClaimsIdentity> GenerateClaimsAsync(IdentityHubUser user)
    {
        var claims = Options.ClaimsIdentity;
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, claims.UserNameClaimType, claims.RoleClaimType);
        identity.AddClaim(new Claim(claims.UserIdClaimType, user.Id));
        identity.AddClaim(new Claim(claims.UserNameClaimType, user.UserName ?? ""));
        if (user.Email is { } email)
        {
            identity.AddClaim(new Claim(claims.EmailClaimType, email));
        }

        if (user.SecurityStamp is { } stamp)
        {
            identity.AddClaim(new Claim(claims.SecurityStampClaimType, stamp));
        }

        return Task.FromResult(identity);
    }
}
