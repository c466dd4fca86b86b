using IdentityHub.Core.Accounts;
using IdentityHub.Data.Users;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Passwords;

/// <summary>
/// A new person's chosen username (A1, and not taken) and password (A2), under the same validators as every other
/// path, every problem at once: the pages where an account is made (an invitation, a member's registration) share it.
/// </summary>
public static class NewSignInChecks
{
    public static async Task AddProblemsAsync(
        ModelStateDictionary state, UserManager<IdentityHubUser> users, IStringLocalizer<RuleText> rules,
        IdentityHubUser account, (string Key, string? Value) username, (string Key, string? Value) password)
    {
        if (UsernameRules.Problems(username.Value) is { Count: > 0 } problems)
        {
            state.AddModelError(username.Key, rules.Words(problems));
        }
        else if (state.GetFieldValidationState(username.Key) != ModelValidationState.Invalid)
        {
            foreach (var validator in users.UserValidators)
            {
                foreach (var error in (await validator.ValidateAsync(users, account)).Errors)
                {
                    state.AddModelError(username.Key, error.Description);
                }
            }
        }

        if (string.IsNullOrEmpty(password.Value) || state.GetFieldValidationState(password.Key) == ModelValidationState.Invalid)
        {
            return;
        }

        foreach (var validator in users.PasswordValidators)
        {
            foreach (var error in (await validator.ValidateAsync(users, account, password.Value)).Errors)
            {
                state.AddModelError(password.Key, error.Description);
            }
        }
    }
}
