using IdentityHub.Data.Users;
using IdentityHub.Server.Mfa;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Sessions;

/// <summary>What ending a user's sessions took away.</summary>
public sealed record EndedSessions(long RevokedTokens, int ForgottenDevices)
{
    public override string ToString() => $"{RevokedTokens} token(s) revoked, {ForgottenDevices} remembered device(s) forgotten";
}

/// <summary>
/// Ends every session of a user (A12): a new security stamp makes every browser's sign-in cookie
/// fail at its next check (IdentityHub:Session:RevalidationInterval); every token and authorization
/// the portals hold is revoked, so no refresh works; remembered devices are forgotten, since one
/// would otherwise let the password alone back in.
/// </summary>
public sealed class UserSessions(
    UserManager<IdentityHubUser> users,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    RememberedDevices devices)
{
    public async Task<EndedSessions> EndAllAsync(IdentityHubUser user, CancellationToken cancellationToken = default)
    {
        await users.UpdateSecurityStampAsync(user);
        var revoked = await tokens.RevokeBySubjectAsync(user.Id, cancellationToken);
        await authorizations.RevokeBySubjectAsync(user.Id, cancellationToken);
        var forgotten = await devices.RevokeAsync(user.Id);
        return new EndedSessions(revoked, forgotten);
    }
}
