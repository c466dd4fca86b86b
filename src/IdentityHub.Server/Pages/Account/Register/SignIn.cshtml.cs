using System.ComponentModel.DataAnnotations;
using IdentityHub.Core.Accounts;
using IdentityHub.Data.Users;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Members.Registration;
using IdentityHub.Server.Pages.Shared;
using IdentityHub.Server.Passwords;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account.Register;

/// <summary>
/// Creating an account, step 2 (A15): "Create your sign-in": a username (A1), a password under the policy (A2, its
/// rules shown before typing) and an email, each checked by the same validators as every other path. Only the
/// password's hash is kept, in the registration's protected cookie; then a code goes to the email.
/// </summary>
public sealed class RegisterSignInModel(
    UserManager<IdentityHubUser> users,
    RegistrationCodes codes,
    IDataProtectionProvider protection,
    IOptionsMonitor<IdentityHubOptions> options,
    IStringLocalizer<RuleText> rules,
    IStringLocalizer<MemberText> text,
    TimeProvider time) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "UsernameRule.Required")]
    [StringLength(256, ErrorMessage = "InvitationPage.UsernameTooLong")]
    public string? Username { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "InvitationPage.PasswordRequired")]
    [StringLength(1024, ErrorMessage = "NewPasswordForm.TooLong")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "InvitationPage.ConfirmRequired")]
    [Compare(nameof(Password), ErrorMessage = "NewPasswordForm.NotTheSame")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "RegisterSignIn.EmailRequired")]
    [StringLength(256, ErrorMessage = "Forgot.EmailTooLong")]
    [EmailAddress(ErrorMessage = "Forgot.EmailInvalid")]
    public string? Email { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "RegisterSignIn.ConfirmEmailRequired")]
    public string? ConfirmEmail { get; set; }

    /// <summary>Set when someone took the chosen username before the account was created.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Taken { get; set; }

    public string? GivenName { get; private set; }

    /// <summary>The password rules, shown in plain words before the person types (A2).</summary>
    public IReadOnlyList<RuleMessage> PasswordRules => options.CurrentValue.Passwords.Resolve().Describe();

    public IReadOnlyList<FieldError> Problems => ErrorSummary.From(ModelState,
        [nameof(Username), nameof(Password), nameof(ConfirmPassword), nameof(Email), nameof(ConfirmEmail)]);

    public IActionResult OnGet()
    {
        if (Read() is not { } state)
        {
            return LocalRedirect(RegistrationPaths.Start + "?expired=true");
        }

        GivenName = state.GivenName;
        if (Taken)
        {
            ModelState.AddModelError(nameof(Username), rules.Words(UsernameRules.Taken));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Read() is not { } state)
        {
            return LocalRedirect(RegistrationPaths.Start + "?expired=true");
        }

        GivenName = state.GivenName;
        if (!string.IsNullOrEmpty(Email) && !string.IsNullOrEmpty(ConfirmEmail)
            && !string.Equals(Email.Trim(), ConfirmEmail.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(ConfirmEmail), text["RegisterSignIn.EmailsDiffer"]);
        }

        var account = new IdentityHubUser { UserName = UsernameRules.Normalize(Username ?? ""), Email = Email?.Trim() };
        account.NormalizedUserName = users.NormalizeName(account.UserName);
        await NewSignInChecks.AddProblemsAsync(ModelState, users, rules, account, (nameof(Username), Username), (nameof(Password), Password));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var chosen = state with
        {
            UserName = account.UserName,
            PasswordHash = users.PasswordHasher.HashPassword(account, Password!),
            Email = account.Email,
            // A new email (or a new choice) needs a new code.
            CodeHash = null,
            CodeSalt = null,
            CodeFailures = 0,
        };
        var step = await codes.SendAsync(chosen, state.ClientId, IdentityHub.Server.Mfa.CodeMessagesForPeople.LanguageOf(Request), HttpContext.RequestAborted);
        step.State.Save(HttpContext, protection);
        return LocalRedirect(step.Error is null ? RegistrationPaths.Email : RegistrationPaths.Email + "?notSent=true");
    }

    private RegistrationState? Read() => RegistrationState.Read(HttpContext, protection, time.GetUtcNow());
}
