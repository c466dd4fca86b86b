using System.ComponentModel.DataAnnotations;
using IdentityHub.Core.Accounts;
using IdentityHub.Data.Users;
using IdentityHub.Server.Account;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Pages.Account.Forgot;

/// <summary>Forgot password, step 3 (A7): a new password under the configured rules, once a second factor was proven.</summary>
public sealed class NewPasswordModel(
    UserManager<IdentityHubUser> users,
    SignInManager<IdentityHubUser> signIn,
    PasswordResets resets,
    PasswordResetCompletion completion,
    SecurityQuestions questions,
    Microsoft.Extensions.Options.IOptionsMonitor<Configuration.IdentityHubOptions> options,
    IStringLocalizer<RecoveryText> text) : PageModel
{
    public const string Path = "/account/forgot-password/new-password";

    private IdentityHubUser _user = null!;
    private PasswordResetState _state = null!;

    [BindProperty]
    [Required(ErrorMessage = "NewPasswordForm.NewPasswordRequired")]
    [StringLength(1024, ErrorMessage = "NewPasswordForm.TooLong")]
    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "NewPasswordForm.ConfirmRequired")]
    [StringLength(1024, ErrorMessage = "NewPasswordForm.TooLong")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }

    public string UserName => _user.UserName ?? "";

    public IEnumerable<string> NewPasswordErrors =>
        ModelState.TryGetValue(nameof(NewPassword), out var entry) ? entry.Errors.Select(error => error.ErrorMessage) : [];

    /// <summary>The password rules, shown in plain words before the user types (A2).</summary>
    public IReadOnlyList<RuleMessage> PasswordRules() => options.CurrentValue.Passwords.Resolve().Describe();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } leave)
        {
            return leave;
        }

        if (!await NewPasswordForm.TrySetAsync(ModelState, text, completion, _user, (nameof(NewPassword), NewPassword), (nameof(ConfirmPassword), ConfirmPassword), HttpContext.RequestAborted))
        {
            return Page();
        }

        // Questions that let someone in are chosen anew at the next sign-in (A7, A8).
        if (_state.VerifiedByQuestions)
        {
            await questions.ClearAsync(_user.Id, HttpContext.RequestAborted);
        }

        // This browser may hold a session of the same user: it ends with the others.
        if (signIn.IsSignedIn(User) && users.GetUserId(User) == _user.Id)
        {
            await signIn.SignOutAsync();
        }

        PasswordResetState.End(HttpContext);
        return LocalRedirect(PasswordChangedModel.Path);
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var state = resets.Read(HttpContext);
        if (state is null)
        {
            return LocalRedirect("/account/forgot-password?expired=true");
        }

        // Only after a second factor, and only while the password is the one the reset started from.
        if (state.VerifiedAt is null || await resets.UserOfAsync(state) is not { } user)
        {
            return LocalRedirect(state.VerifiedAt is null ? ForgotPasswordVerifyModel.Path : "/account/forgot-password?expired=true");
        }

        _user = user;
        _state = state;
        return null;
    }
}
