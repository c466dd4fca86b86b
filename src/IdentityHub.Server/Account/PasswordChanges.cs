using IdentityHub.Accounts;
using IdentityHub.Data.Sessions;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.Throttling;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Account;

/// <summary>What came of a self-service password change.</summary>
public abstract record PasswordChangeResult
{
    /// <summary>The new password is set; <paramref name="Reference"/> is in the audit log and the email notice.</summary>
    public sealed record Changed(string Reference, EndedSessions Ended) : PasswordChangeResult;

    /// <summary>The current password was wrong; it counted as a failed attempt.</summary>
    public sealed record WrongCurrentPassword : PasswordChangeResult;

    /// <summary>Too many wrong passwords: the account (or this network's password path) is locked for a while.</summary>
    public sealed record LockedOut : PasswordChangeResult;

    /// <summary>The new password breaks the policy (the validators' reasons); nothing changed.</summary>
    public sealed record Refused(IReadOnlyList<IdentityError> Errors) : PasswordChangeResult;
}

/// <summary>
/// A signed-in person changes their own password (A2) on the account page: the current password first, counted
/// like a wrong password at sign-in (A3: the account's failure count and this network's), then the new one under
/// the policy and history. This browser stays signed in; every other session, portal token and remembered device
/// ends as after a password reset (A12), and the account's email gets a notice (decision 0021).
/// </summary>
public sealed class PasswordChanges(
    UserManager<IdentityHubUser> users,
    SignInManager<IdentityHubUser> signIn,
    SignInGuard guard,
    UserSessions sessions,
    AccountNotices notices,
    AuditLog audit)
{
    public async Task<PasswordChangeResult> ChangeAsync(HttpContext http, SignedInSession current, string currentPassword, string newPassword)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(current);
        var cancellationToken = http.RequestAborted;
        var user = await users.FindByIdAsync(current.UserId) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        var userName = user.UserName!;

        var network = await guard.CheckAsync(http, userName);
        if (network.NetworkLocked || network.RetryAfter > TimeSpan.Zero)
        {
            await audit.RecordAsync("password.changed", "locked_out_here", user.Id, detail: "self-service", cancellationToken: cancellationToken);
            return new PasswordChangeResult.LockedOut();
        }

        var check = await signIn.CheckPasswordSignInAsync(user, currentPassword, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            var outcome = check.IsLockedOut ? "locked_out" : "wrong_password";
            await guard.RecordWrongPasswordAsync(http, userName);
            await audit.RecordAsync("password.changed", outcome, user.Id, detail: "self-service: current password not accepted", cancellationToken: cancellationToken);
            return check.IsLockedOut ? new PasswordChangeResult.LockedOut() : new PasswordChangeResult.WrongCurrentPassword();
        }

        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            await audit.RecordAsync("password.changed", "refused", user.Id,
                detail: "self-service: " + string.Join(", ", result.Errors.Select(error => error.Code)), cancellationToken: cancellationToken);
            return new PasswordChangeResult.Refused([.. result.Errors]);
        }

        // The change gave a new stamp; ending the other sessions here revokes their tokens and remembered
        // devices too, and this browser's cookie is issued again with the new stamp and the same sign-in facts.
        user.MustChangePassword = false;
        var ended = await sessions.EndAllAsync(user, SessionEndReasons.PasswordChanged, keep: current.SessionId, cancellationToken);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            SignedInSession.ClaimsFor(current.SessionId, current.AuthenticatedAt, current.Methods, current.Acr ?? Core.Assurance.AssuranceLevels.SingleFactor, current.SecondFactorAt));

        var notice = await notices.SendAsync(user, AccountChange.PasswordChanged, cancellationToken: cancellationToken);
        await audit.RecordAsync("password.changed", "succeeded", user.Id, detail: $"self-service; {ended}; {notice.Delivered}",
            reference: notice.Reference, cancellationToken: cancellationToken);
        return new PasswordChangeResult.Changed(notice.Reference, ended);
    }
}
