using IdentityHub.Accounts;
using IdentityHub.Data.Users;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// Ends every session of a user (A12) through the one shared way (<see cref="AccountSessions"/>), after this
/// node forgets its cached copies of them, so that a cookie is refused here at its very next request.
/// </summary>
public sealed class UserSessions(SessionCache cache, AccountSessions sessions, Logout.LogoutSignal logoutSignal, IHttpContextAccessor http)
{
    /// <summary>Ends them all, or all but <paramref name="keep"/> (the session asking, for "sign out everywhere else").</summary>
    /// <remarks>This node's back-channel logout sender is woken to send the portals' logout tokens at once.</remarks>
    public async Task<EndedSessions> EndAllAsync(IdentityHubUser user, string reason, string? keep = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        cache.ForgetUser(user.Id);
        var ended = await sessions.EndAllAsync(user, reason, keep, cancellationToken);
        if (ended.Sessions > 0)
        {
            logoutSignal.Raise(http.HttpContext);
        }

        return ended;
    }
}
