using IdentityHub.Accounts;
using IdentityHub.Data.Sessions;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// "Sign out everywhere else" on the account page (A12): every session of the user ends
/// (<see cref="UserSessions"/>) except this browser's, whose cookie is issued again with the new stamp.
/// </summary>
public sealed class SignOutEverywhere(
    UserManager<IdentityHubUser> users,
    SignInManager<IdentityHubUser> signIn,
    UserSessions sessions,
    AuditLog audit)
{
    public async Task<EndedSessions> RunAsync(HttpContext http, SignedInSession current)
    {
        var user = await users.FindByIdAsync(current.UserId) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        var ended = await sessions.EndAllAsync(user, SessionEndReasons.SignedOutEverywhere, keep: current.SessionId, http.RequestAborted);

        // Re-issue this browser's cookie with the new stamp, the same session and the same sign-in facts.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            SignedInSession.ClaimsFor(current.SessionId, current.AuthenticatedAt, current.Methods, current.Acr ?? Core.Assurance.AssuranceLevels.SingleFactor, current.SecondFactorAt));
        await audit.RecordAsync("session.sign_out_everywhere", "succeeded", user.Id, detail: ended.ToString());
        return ended;
    }
}
