using System.ComponentModel.DataAnnotations;
using IdentityHub.Core.Accounts;
using IdentityHub.Server.Account;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Pages.Shared;
using IdentityHub.Server.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account.Password;

/// <summary>A signed-in person changes their own password: the current one, then the new one twice (<see cref="PasswordChanges"/>).</summary>
[Authorize]
public sealed class IndexModel(PasswordChanges changes, IOptionsMonitor<IdentityHubOptions> options, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "OwnPassword.CurrentRequired")]
    [StringLength(1024, ErrorMessage = "OwnPassword.TooLong")]
    [DataType(DataType.Password)]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "OwnPassword.NewRequired")]
    [StringLength(1024, ErrorMessage = "OwnPassword.TooLong")]
    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "OwnPassword.AgainRequired")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }

    public IReadOnlyList<RuleMessage> Rules => options.CurrentValue.Passwords.Resolve().Describe();

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
            ModelState.AddModelError(nameof(ConfirmPassword), text["OwnPassword.Mismatch"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        switch (await changes.ChangeAsync(HttpContext, session, CurrentPassword!, NewPassword!))
        {
            case PasswordChangeResult.Changed:
                Notice = text["OwnPassword.Changed"];
                return RedirectToPage("/Account/Security");
            case PasswordChangeResult.WrongCurrentPassword:
                ModelState.AddModelError(nameof(CurrentPassword), text["OwnPassword.WrongCurrent"]);
                break;
            case PasswordChangeResult.LockedOut:
                ModelState.AddModelError(nameof(CurrentPassword), text["OwnPassword.Locked"]);
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
