using System.ComponentModel.DataAnnotations;
using IdentityHub.Accounts;
using IdentityHub.Core.Accounts;
using IdentityHub.Data.Users;
using IdentityHub.Server.Account;
using IdentityHub.Server.Pages.Account.Forgot;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Pages.Account.Password;

/// <summary>
/// Where the link of a password reset an administrator started leads (D6): the person chooses a new password
/// under the rules, the link is used up, every session ends, a notice is emailed (as after "Forgot password",
/// <see cref="PasswordResetCompletion"/>), and they sign in with it (MFA still asked). An unknown, used,
/// replaced or expired link gets one answer.
/// </summary>
public sealed class ChooseModel(
    PasswordChoiceLinks links,
    PasswordResetCompletion completion,
    UserManager<IdentityHubUser> users,
    SignInManager<IdentityHubUser> signIn,
    Microsoft.Extensions.Options.IOptionsMonitor<Configuration.IdentityHubOptions> options,
    IStringLocalizer<RecoveryText> text) : PageModel
{
    private IdentityHubUser? _user;

    /// <summary>The link's secret, from the query string, and carried by the form.</summary>
    [BindProperty(SupportsGet = true, Name = "code")]
    public string? Code { get; set; }

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

    public bool IsUsable => _user is not null;

    public string UserName => _user?.UserName ?? "";

    /// <summary>The password rules, shown in plain words before the person types (A2).</summary>
    public IReadOnlyList<RuleMessage> PasswordRules() => options.CurrentValue.Passwords.Resolve().Describe();

    /// <summary>Every problem, by field, for the summary at the top of the form.</summary>
    public IEnumerable<(string Field, string Message)> Problems =>
        new[] { nameof(NewPassword), nameof(ConfirmPassword) }
            .SelectMany(name => ErrorsOf(name).Select(message => (name, message)));

    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? entry.Errors.Select(error => error.ErrorMessage) : [];

    public async Task<IActionResult> OnGetAsync()
    {
        _user = await links.FindUsableAsync(Code, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        _user = await links.FindUsableAsync(Code, HttpContext.RequestAborted);
        if (_user is null)
        {
            ModelState.Clear();
            return Page();
        }

        if (!await NewPasswordForm.TrySetAsync(ModelState, text, completion, _user, (nameof(NewPassword), NewPassword), (nameof(ConfirmPassword), ConfirmPassword), HttpContext.RequestAborted))
        {
            return Page();
        }

        // Used up only once the password is set: a password the rules refused leaves the link working.
        PasswordChoiceLinks.UseUp(_user);
        await users.UpdateAsync(_user);

        // This browser may hold a session of the same person: it ends with the others.
        if (signIn.IsSignedIn(User) && users.GetUserId(User) == _user.Id)
        {
            await signIn.SignOutAsync();
        }

        return LocalRedirect(PasswordChangedModel.Path);
    }
}
