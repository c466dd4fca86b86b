using System.ComponentModel.DataAnnotations;
using IdentityHub.Core.Accounts;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account.Password;

/// <summary>Choosing a new password during sign-in: after a temporary password (A4) or when it expired (A2).</summary>
public sealed class ChangeModel(UserManager<IdentityHubUser> users, SignInFlow flow, SignInAttempts attempts, AuditLog audit, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "NewPasswordForm.NewPasswordRequired")]
    [StringLength(1024, ErrorMessage = "NewPasswordForm.TooLong")]
    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "NewPasswordForm.ConfirmRequired")]
    [Compare(nameof(NewPassword), ErrorMessage = "NewPasswordForm.NotTheSame")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }

    public bool Expired { get; private set; }

    /// <summary>An imported user's first sign-in, whose old password does not meet the current policy (A10).</summary>
    public bool Imported { get; private set; }

    /// <summary>The password rules, shown in plain words before the user types (A2).</summary>
    public IReadOnlyList<RuleMessage> Rules => options.CurrentValue.Passwords.Resolve().Describe();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is var (leave, _) && leave is not null ? leave : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var (leave, user) = await LoadAsync();
        if (leave is not null)
        {
            return leave;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ResetPasswordAsync(user!, await users.GeneratePasswordResetTokenAsync(user!), NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(NewPassword), error.Description);
            }

            return Page();
        }

        user!.MustChangePassword = false;
        await users.UpdateAsync(user);
        await audit.RecordAsync("password.changed", "succeeded", user.Id, detail: Expired ? "expired" : Imported ? "imported" : "temporary");

        // The reset renewed the security stamp: carry on with the same attempt.
        var attempt = attempts.Read(HttpContext)!;
        return LocalRedirect(await flow.ContinueAsync(HttpContext, attempt));
    }

    private async Task<(IActionResult? Leave, IdentityHubUser? User)> LoadAsync()
    {
        var attempt = attempts.Read(HttpContext);
        var user = attempt is null ? null : await users.FindByIdAsync(attempt.UserId);
        if (attempt is null || user is null)
        {
            return (LocalRedirect(EnrollmentWizard.SignInAgainPage), null);
        }

        if (!PasswordChangeCheck.IsDue(user, options.CurrentValue, time.GetUtcNow()))
        {
            return (LocalRedirect(await flow.ContinueAsync(HttpContext, attempt)), null);
        }

        Expired = !user.MustChangePassword;
        Imported = user.MustChangePassword && user.ImportedAt is not null && user.LastSignInAt is null;
        return (null, user);
    }
}
