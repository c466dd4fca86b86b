using IdentityHub.Server.Configuration;
using IdentityHub.Server.Sessions;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.SignIn;

/// <summary>
/// Changes on the account pages (methods, passkeys, profile) need a second factor proven within the
/// last few minutes (M8, <c>IdentityHub:Mfa:FreshCheckWindow</c>); otherwise the person steps up first
/// and comes back to the page.
/// </summary>
public sealed class FreshSecondFactor(SignInFlow flow, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time)
{
    public bool IsFresh(SignedInSession session) =>
        session.SecondFactorAt is { } at && time.GetUtcNow() - at <= options.CurrentValue.Mfa.FreshCheckWindow;

    /// <summary>Null when the session's second factor is fresh; otherwise the step-up page, which returns to <paramref name="page"/>.</summary>
    public async Task<string?> RequireAsync(HttpContext http, SignedInSession session, string page) =>
        IsFresh(session) ? null : await flow.StepUpAsync(http, session, page, fresh: true);
}
