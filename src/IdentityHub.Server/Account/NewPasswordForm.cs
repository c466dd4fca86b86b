using IdentityHub.Data.Users;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Account;

/// <summary>
/// A new password typed twice, as the reset pages take it (forgot password, an administrator's reset link): the
/// two must match, then <see cref="PasswordResetCompletion"/> sets it under the policy; each problem lands on its field.
/// </summary>
internal static class NewPasswordForm
{
    /// <summary>True when the password is set; otherwise the page shows <paramref name="modelState"/>'s problems, in the reader's language.</summary>
    public static async Task<bool> TrySetAsync(
        ModelStateDictionary modelState,
        IStringLocalizer<RecoveryText> text,
        PasswordResetCompletion completion,
        IdentityHubUser user,
        (string Field, string? Value) password,
        (string Field, string? Value) confirmation,
        CancellationToken cancellationToken)
    {
        if (modelState.IsValid && !string.Equals(password.Value, confirmation.Value, StringComparison.Ordinal))
        {
            modelState.AddModelError(confirmation.Field, text["NewPasswordForm.Mismatch"]);
        }

        if (!modelState.IsValid)
        {
            return false;
        }

        var result = await completion.CompleteAsync(user, password.Value!, cancellationToken);
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(password.Field, error.Description);
        }

        return result.Succeeded;
    }
}
