using System.ComponentModel.DataAnnotations;
using IdentityHub.Administration;
using IdentityHub.Administration.Invitations;
using IdentityHub.Core.Accounts;
using IdentityHub.Data.Users;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Pages.Shared;
using IdentityHub.Server.Passwords;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account;

/// <summary>
/// Accepting an invitation (D5): the emailed link shows whom it is for; the person chooses a username (A1)
/// and a password (A2); the account is created and the link used up in one save; then the sign-in flow
/// goes on as after a password (MFA enrollment, terms) and ends in the portal the invitation names.
/// Every unusable link gets the same words, and none says whether the email has an account.
/// </summary>
public sealed class InvitationModel(
    InvitationRegister invitations,
    UserManager<IdentityHubUser> users,
    SignInFlow flow,
    IOptionsMonitor<IdentityHubOptions> options,
    IStringLocalizer<RuleText> rules) : PageModel
{
    [BindProperty(SupportsGet = true, Name = TokenServerLinks.SecretParameter)]
    public string? Code { get; set; }

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

    /// <summary>The invitation the link leads to; null for every unusable link.</summary>
    public Data.Organizations.Invitation? Invitation { get; private set; }

    public string? OrganizationName { get; private set; }

    /// <summary>The password rules, shown in plain words before the person types (A2).</summary>
    public IReadOnlyList<RuleMessage> PasswordRules => options.CurrentValue.Passwords.Resolve().Describe();

    public IReadOnlyList<FieldError> Problems => ErrorSummary.From(ModelState, [nameof(Username), nameof(Password), nameof(ConfirmPassword)]);

    public async Task OnGetAsync() => await OpenAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await OpenAsync() || string.IsNullOrEmpty(Username))
        {
            return Page();
        }

        // Every problem at once: the username and the password rules even when the second password differs.
        var account = new IdentityHubUser
        {
            UserName = UsernameRules.Normalize(Username),
            Email = Invitation!.Email,
            GivenName = Invitation.GivenName,
            FamilyName = Invitation.FamilyName,
        };
        account.NormalizedUserName = users.NormalizeName(account.UserName);
        await NewSignInChecks.AddProblemsAsync(ModelState, users, rules, account, (nameof(Username), Username), (nameof(Password), Password));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        account.PasswordHash = users.PasswordHasher.HashPassword(account, Password!);
        switch (await invitations.AcceptAsync(Code, account, HttpContext.RequestAborted))
        {
            case InvitationAcceptance.Accepted accepted:
                var user = await users.FindByIdAsync(accepted.UserId);
                // The password was just set: the sign-in goes on from the password step, so the new person
                // enrolls MFA and signs the terms before landing in the portal the invitation names.
                return LocalRedirect(await flow.StartAsync(HttpContext, user!, PortalLanding.PathFor(accepted.ClientId)));
            case InvitationAcceptance.UsernameTaken:
                ModelState.AddModelError(nameof(Username), rules.Words(UsernameRules.Taken));
                return Page();
            default:
                Invitation = null;
                return Page();
        }
    }

    private async Task<bool> OpenAsync()
    {
        var link = await invitations.OpenAsync(Code, HttpContext.RequestAborted);
        (Invitation, OrganizationName) = (link.Invitation, link.OrganizationName);
        return link.IsUsable;
    }
}
