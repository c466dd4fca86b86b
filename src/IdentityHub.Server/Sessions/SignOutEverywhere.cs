using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// Ends every session of a user (A12): a new security stamp makes every other browser's sign-in
/// cookie fail at its next check (IdentityHub:Session:RevalidationInterval), and every token and
/// authorization the portals hold is revoked, so no refresh works, and remembered devices are
/// forgotten. This browser stays signed in.
/// </summary>
public sealed class SignOutEverywhere(
    UserManager<IdentityHubUser> users,
    SignInManager<IdentityHubUser> signIn,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    Mfa.RememberedDevices devices,
    AuditLog audit)
{
    public async Task<long> RunAsync(HttpContext http, SignedInSession current)
    {
        var user = await users.FindByIdAsync(current.UserId) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        await users.UpdateSecurityStampAsync(user);
        var revoked = await tokens.RevokeBySubjectAsync(user.Id, http.RequestAborted);
        await authorizations.RevokeBySubjectAsync(user.Id, http.RequestAborted);

        // A remembered device elsewhere would otherwise need only the password.
        await devices.RevokeAsync(user.Id);

        // Re-issue this browser's cookie with the new stamp and the same sign-in facts.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            SignedInSession.ClaimsFor(current.AuthenticatedAt, current.Methods, current.Acr ?? Core.Assurance.AssuranceLevels.SingleFactor, current.SecondFactorAt));
        await audit.RecordAsync("session.sign_out_everywhere", "succeeded", user.Id, detail: $"{revoked} token(s) revoked");
        return revoked;
    }
}
