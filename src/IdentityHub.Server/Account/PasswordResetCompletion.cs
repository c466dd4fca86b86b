using IdentityHub.Data.Sessions;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.Throttling;
using IdentityHub.Server.Wording;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Account;

/// <summary>
/// Forgot password (A7), the last step: the new password under Identity's validators; then the
/// lockout is cleared (A3), every session, token and remembered device ends (A12), and the account's
/// email gets a notice, in the person's language.
/// </summary>
public sealed class PasswordResetCompletion(
    UserManager<IdentityHubUser> users,
    UserSessions sessions,
    IMessageSender sender,
    ClientPolicies policies,
    AuditLog audit,
    SignInGuard guard,
    LanguageTexts texts,
    TimeProvider time)
{
    /// <summary>Sets the password; a refusal (the validators' reasons) changes nothing.</summary>
    public async Task<IdentityResult> CompleteAsync(IdentityHubUser user, string newPassword, CancellationToken cancellationToken = default)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            await audit.RecordAsync("account.password_reset", "refused", user.Id,
                detail: string.Join(", ", result.Errors.Select(error => error.Code)), cancellationToken: cancellationToken);
            return result;
        }

        // The reset is also the way out of a lockout, and turns an account idle too long back on (A9);
        // the inactivity clock starts again now. A temporary password is no longer pending either. An
        // account an administrator turned off stays off: only an administrator turns it on.
        user.MustChangePassword = false;
        user.Reactivate(time.GetUtcNow());
        await users.UpdateAsync(user);
        await guard.ForgetAsync(user.UserName!, cancellationToken);

        // ResetPasswordAsync already gave a new stamp; ending the sessions here says so, and revokes the rest.
        var ended = await sessions.EndAllAsync(user, SessionEndReasons.PasswordReset, cancellationToken: cancellationToken);

        var reference = AuditLog.NewReference();
        var delivered = "no email on the account";
        if (!string.IsNullOrEmpty(user.Email))
        {
            var words = MessageWords.For(texts, user);
            var notice = new DeliveryMessage(DeliveryKind.Email, user.Email, words["PasswordChanged.Subject"], NoticeBody(words, user, policies.Deployment.HelpDeskPhone, reference), reference);
            delivered = await sender.SendAsync(notice, cancellationToken) is DeliveryOutcome.Sent ? "notice sent" : "notice not delivered";
        }

        await audit.RecordAsync("account.password_reset", "succeeded", user.Id,
            detail: $"{ended}, {delivered}", reference: reference, cancellationToken: cancellationToken);
        return result;
    }

    private string NoticeBody(MessageWords words, IdentityHubUser user, string? helpDeskPhone, string reference) =>
        words.Body(reference,
            words["PasswordChanged.What", user.UserName ?? "", words.When(time.GetUtcNow())],
            helpDeskPhone is null ? words["PasswordChanged.NotYou", reference] : words["PasswordChanged.NotYouCall", helpDeskPhone, reference]);
}
