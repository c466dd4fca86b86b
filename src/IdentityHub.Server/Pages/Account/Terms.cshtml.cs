using System.ComponentModel.DataAnnotations;
using IdentityHub.Data.Terms;
using IdentityHub.Data.Users;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Terms;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Pages.Account;

/// <summary>Accepting the terms by typing first and last name, as on the account (A5).</summary>
public sealed class TermsModel(UserManager<IdentityHubUser> users, TermsService terms, SignInFlow flow, SignInAttempts attempts, IStringLocalizer<RecoveryText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "AcceptTerms.FirstNameRequired")]
    [StringLength(100, ErrorMessage = "AcceptTerms.NameTooLong")]
    public string? FirstName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "AcceptTerms.LastNameRequired")]
    [StringLength(100, ErrorMessage = "AcceptTerms.NameTooLong")]
    public string? LastName { get; set; }

    public TermsVersion? Current { get; private set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is { } leave ? leave : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } leave)
        {
            return leave;
        }

        var attempt = attempts.Read(HttpContext)!;
        var user = (await users.FindByIdAsync(attempt.UserId))!;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!TermsService.NameMatches(user, FirstName, LastName))
        {
            ErrorMessage = text["AcceptTerms.NameMismatch"];
            return Page();
        }

        await terms.AcceptAsync(user, Current!, FirstName!, LastName!);
        return LocalRedirect(await flow.ContinueAsync(HttpContext, attempt));
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var attempt = attempts.Read(HttpContext);
        if (attempt is null)
        {
            return LocalRedirect(EnrollmentWizard.SignInAgainPage);
        }

        Current = await terms.CurrentAsync();
        return Current is null ? LocalRedirect(await flow.ContinueAsync(HttpContext, attempt)) : null;
    }
}
