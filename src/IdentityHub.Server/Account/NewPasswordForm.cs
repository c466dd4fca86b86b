using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IdentityHub.Server.Account;

/// <summary>
/// A new password typed twice, as the reset pages take it (forgot password, an administrator's reset link): the
/// two must match, then <see cref="PasswordResetCompletion"/> sets it under the policy; each problem lands on its field.
/// </summary>
internal static class NewPasswordForm
{
    public const string Mismatch = "The two passwords do not match. Enter the same new password twice.";

    /// <summary>True when the password is set; otherwise the page shows <paramref name="modelState"/>'s problems.</summary>
    public static async Task<bool> TrySetAsync(
        ModelStateDictionary modelState,
        PasswordResetCompletion completion,
        IdentityHubUser user,
        (string Field, string? Value) password,
        (string Field, string? Value) confirmation,
        CancellationToken cancellationToken)
    {
        if (modelState.IsValid && !string.Equals(password.Value, confirmation.Value, StringComparison.Ordinal))
        {
            modelState.AddModelError(confirmation.Field, Mismatch);
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
