using IdentityHub.Data.Users;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.SignIn;

/// <summary>Where the enrollment wizard stands for this browser.</summary>
public sealed record WizardState(SignInAttempt Attempt, IdentityHubUser User, EnrollmentProgress Enrollment);

/// <summary>
/// The enrollment wizard's shared rules (M6): it belongs to a sign-in attempt, and 5 minutes of
/// inactivity (configurable) sends the user back to the start with a clear message.
/// </summary>
public sealed class EnrollmentWizard(UserManager<IdentityHubUser> users, EnrolledMethods methods, SignInAttempts attempts, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time)
{
    public const string StartPage = "/account/mfa/enroll";
    public const string TimedOutPage = "/account/mfa/enroll?timedOut=true";
    public const string SignInAgainPage = "/account/login?expired=true";

    public const string ChallengePage = "/account/mfa/challenge";

    /// <summary>
    /// The attempt and user, or where to send the browser instead. During a sign-in the wizard is
    /// only for users without a method that counts: otherwise a password alone could enroll a new
    /// method and use it to get past the challenge.
    /// </summary>
    public async Task<(SignInAttempt? Attempt, IdentityHubUser? User, string? Redirect)> LoadAttemptAsync(HttpContext http)
    {
        var attempt = attempts.Read(http);
        var user = attempt is null ? null : await users.FindByIdAsync(attempt.UserId);
        if (attempt is null || user is null)
        {
            return (null, null, SignInAgainPage);
        }

        if (attempt.Purpose != AttemptPurpose.AddMethod && (await methods.ListAsync(user.Id)).Any(methods.Counts))
        {
            return (null, null, ChallengePage);
        }

        return (attempt, user, null);
    }

    /// <summary>The wizard in progress, or the page to go to: sign in again, or start again after a timeout.</summary>
    public async Task<(WizardState? State, string? Redirect)> LoadAsync(HttpContext http)
    {
        var (attempt, user, redirect) = await LoadAttemptAsync(http);
        if (attempt is null || user is null)
        {
            return (null, redirect);
        }

        if (attempt.Enrollment is not { } enrollment || enrollment.Kind is null)
        {
            return (null, StartPage);
        }

        if (time.GetUtcNow() - enrollment.LastActivityAt > options.CurrentValue.Mfa.EnrollmentTimeout)
        {
            attempts.Save(http, attempt with { Enrollment = null });
            return (null, TimedOutPage);
        }

        return (new WizardState(attempt, user, enrollment), null);
    }

    /// <summary>Saves progress and restarts the inactivity clock.</summary>
    public SignInAttempt Save(HttpContext http, SignInAttempt attempt, EnrollmentProgress? enrollment) =>
        attempts.Save(http, attempt with { Enrollment = enrollment is null ? null : enrollment with { LastActivityAt = time.GetUtcNow() } });

    public DateTimeOffset Now => time.GetUtcNow();
}
