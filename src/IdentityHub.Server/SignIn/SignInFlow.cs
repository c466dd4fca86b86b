using IdentityHub.Core.Assurance;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.Wording;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.SignIn;

/// <summary>
/// Runs the checks between the password and the session in order. The first that does not pass
/// names the page to show; when all pass, the session starts (or is renewed after a step-up).
/// </summary>
public sealed class SignInFlow(
    IEnumerable<ISignInCheck> checks,
    SignInAttempts attempts,
    UserManager<IdentityHubUser> users,
    SignInManager<IdentityHubUser> signIn,
    ClientPolicies policies,
    IdentityHubDbContext db,
    SessionRecords sessions,
    AuditLog audit,
    Connect.PushedRequests pushed,
    IOptionsMonitor<IdentityHubOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Starts an attempt after a correct password. <paramref name="reference"/>, the password event's, is the
    /// attempt's: its codes, the pages and the sign-in event show the same one (decision 0021).
    /// </summary>
    public Task<string> StartAsync(HttpContext http, IdentityHubUser user, string returnUrl, string? reference = null) =>
        StartAsync(http, user, [AuthenticationMethods.Password], returnUrl, reference);

    /// <summary>After a password that unlocked an account locked from other networks: the second factor is asked whatever the device.</summary>
    public async Task<string> StartWithSecondFactorAsync(HttpContext http, IdentityHubUser user, string returnUrl, string? reference = null)
    {
        SavedLanguage.ApplyAtSignIn(http, user);
        var attempt = await NewAttemptAsync(user.Id, AttemptPurpose.SignIn, time.GetUtcNow(), [AuthenticationMethods.Password], returnUrl);
        return await ContinueAsync(http, attempt with { SecondFactorRequired = true, Reference = reference });
    }

    /// <summary>
    /// Starts an attempt with what the user proved on the first page: a password, or a passkey with
    /// user verification (which counts as both factors, e.g. ["swk"]).
    /// </summary>
    public async Task<string> StartAsync(HttpContext http, IdentityHubUser user, IReadOnlyList<string> methods, string returnUrl, string? reference = null)
    {
        SavedLanguage.ApplyAtSignIn(http, user);
        var now = time.GetUtcNow();
        var attempt = await NewAttemptAsync(user.Id, AttemptPurpose.SignIn, now, methods, returnUrl) with { Reference = reference };
        var secondFactor = methods.Any(method => method != AuthenticationMethods.Password);
        return await ContinueAsync(http, secondFactor ? attempt with { SecondFactorAt = now } : attempt);
    }

    /// <summary>
    /// Asks a signed-in user for a second factor again: for a higher level than the session reached,
    /// or (with <paramref name="fresh"/>) because a change needs a fresh check (M8).
    /// </summary>
    public async Task<string> StepUpAsync(HttpContext http, SignedInSession session, string returnUrl, bool fresh = false)
    {
        var methods = fresh ? [AuthenticationMethods.Password] : session.Methods.Where(m => m != AuthenticationMethods.MultipleFactors).ToList();
        return await ContinueAsync(http, await NewAttemptAsync(session.UserId, AttemptPurpose.StepUp, session.AuthenticatedAt, methods, returnUrl));
    }

    /// <summary>Starts adding a method from the account page (the enrollment wizard, then back).</summary>
    public async Task<string> AddMethodAsync(HttpContext http, SignedInSession session, string returnUrl)
    {
        var attempt = await NewAttemptAsync(session.UserId, AttemptPurpose.AddMethod, session.AuthenticatedAt, session.Methods, returnUrl);
        attempts.Save(http, attempt);
        return "/account/mfa/enroll";
    }

    public async Task<string> ContinueAsync(HttpContext http, SignInAttempt attempt)
    {
        var user = await users.FindByIdAsync(attempt.UserId);
        if (user is null)
        {
            attempts.End(http);
            return "/account/login";
        }

        if (attempt.Purpose == AttemptPurpose.AddMethod)
        {
            attempts.End(http);
            return attempt.ReturnUrl;
        }

        var context = new SignInContext(http, user, attempt, await policies.ForAsync(attempt.ClientId));
        foreach (var check in checks)
        {
            if (await check.EvaluateAsync(context) is CheckOutcome.Redirect redirect)
            {
                attempts.Save(http, context.Attempt);
                return redirect.Path;
            }
        }

        await CompleteAsync(http, user, context.Attempt);
        return context.Attempt.ReturnUrl;
    }

    private async Task CompleteAsync(HttpContext http, IdentityHubUser user, SignInAttempt attempt)
    {
        var acr = AssuranceLevels.For(attempt.Methods, options.CurrentValue.Mfa.Preset);
        var amr = AssuranceLevels.AmrFor(attempt.Methods, options.CurrentValue.Mfa.Preset);
        attempts.End(http);
        // The sign-in time is one column of the record Identity's store is tracking (UpdateAsync would first
        // check the username is still unique and then rewrite every column), saved with the audit event in
        // one round trip, before the session cookie is issued.
        // The session record joins that round trip too.
        user.LastSignInAt = time.GetUtcNow();
        // Under the reference the pages showed during the attempt, so that recent activity shows that one too.
        audit.Add(attempt.Purpose == AttemptPurpose.SignIn ? "sign_in" : "step_up", "succeeded", user.Id, attempt.ClientId, $"amr {string.Join(' ', amr)}; acr {acr}", attempt.Reference);
        var sessionId = await sessions.BeginAsync(http, user.Id, new Authentication(attempt.AuthenticatedAt, amr, acr), attempt.ClientId, await SignedInSession.ReadAsync(http));
        await db.SaveChangesAsync(http.RequestAborted);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, SignedInSession.ClaimsFor(sessionId, attempt.AuthenticatedAt, amr, acr, attempt.SecondFactorAt));
    }

    private async Task<SignInAttempt> NewAttemptAsync(string userId, AttemptPurpose purpose, DateTimeOffset authenticatedAt, IReadOnlyList<string> methods, string returnUrl)
    {
        var clientId = ClientPolicies.ClientIdFrom(returnUrl);
        return await WithRequiredLevelAsync(new SignInAttempt
        {
            Id = SignInAttempt.NewId(),
            UserId = userId,
            Purpose = purpose,
            AuthenticatedAt = authenticatedAt,
            Methods = methods,
            ReturnUrl = returnUrl,
            ClientId = clientId,
            RequiredAcr = AssuranceLevels.MultiFactor,
        });
    }

    private async Task<SignInAttempt> WithRequiredLevelAsync(SignInAttempt attempt) => attempt with
    {
        RequiredAcr = RequiredLevel.For(await policies.ForAsync(attempt.ClientId), pushed.Of(attempt.ReturnUrl, "acr_values")),
    };
}
