using System.ComponentModel.DataAnnotations;
using IdentityHub.Server.Account;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Pages.Shared;
using IdentityHub.Server.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account.Password;

/// <summary>A signed-in person changes their own password: the current one, then the new one twice (<see cref="PasswordChanges"/>).</summary>
[Authorize]
public sealed class IndexModel(PasswordChanges changes, IOptionsMonitor<IdentityHubOptions> options) : PageModel
{
    public const string WrongCurrent = "Your current password is not correct. Check it and try again.";
    public const string Locked = "Too many wrong passwords were entered. For your security, wait a few minutes before you try again, or call the help desk.";
    public const string Changed = "Your password was changed. We sent a notice to your email address. Other devices and browsers were signed out.";

    [BindProperty]
    [Required(ErrorMessage = "Enter your current password.")]
    [StringLength(1024, ErrorMessage = "That password is too long.")]
    [DataType(DataType.Password)]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter a new password.")]
    [StringLength(1024, ErrorMessage = "That password is too long.")]
    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter the new password again.")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }

    public IReadOnlyList<string> Rules => options.CurrentValue.Passwords.Resolve().Describe();

    public IReadOnlyList<FieldError> Problems => ErrorSummary.From(ModelState, [nameof(CurrentPassword), nameof(NewPassword), nameof(ConfirmPassword)]);

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync() => await SignedInSession.ReadAsync(HttpContext) is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var session = await SignedInSession.ReadAsync(HttpContext);
        if (session is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid && !string.Equals(NewPassword, ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(ConfirmPassword), NewPasswordForm.Mismatch);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        switch (await changes.ChangeAsync(HttpContext, session, CurrentPassword!, NewPassword!))
        {
            case PasswordChangeResult.Changed:
                Notice = Changed;
                return RedirectToPage("/Account/Security");
            case PasswordChangeResult.WrongCurrentPassword:
                ModelState.AddModelError(nameof(CurrentPassword), WrongCurrent);
                break;
            case PasswordChangeResult.LockedOut:
                ModelState.AddModelError(nameof(CurrentPassword), Locked);
                break;
            case PasswordChangeResult.Refused refused:
                foreach (var error in refused.Errors)
                {
                    ModelState.AddModelError(nameof(NewPassword), error.Description);
                }

                break;
        }

        return Page();
    }
}
