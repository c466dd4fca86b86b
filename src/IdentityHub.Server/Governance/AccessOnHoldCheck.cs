using IdentityHub.Data;
using IdentityHub.Server.SignIn;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Governance;

/// <summary>
/// Access not re-certified in time is on hold (D7): after the second factor, a suspended person is shown why
/// and whom to ask, and no session starts. A confirmation by an administrator lifts it at once.
/// </summary>
public sealed class AccessOnHoldCheck(IdentityHubDbContext db) : ISignInCheck
{
    public const string Page = "/account/access-on-hold";

    public async Task<CheckOutcome> EvaluateAsync(SignInContext context) =>
        await db.AccessReviews.AnyAsync(r => r.UserId == context.User.Id && r.SuspendedAt != null, context.Http.RequestAborted)
            ? CheckOutcome.GoTo(Page)
            : CheckOutcome.Pass;
}
