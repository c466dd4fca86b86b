using System.ComponentModel.DataAnnotations;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account.Mfa;

/// <summary>Enrollment, step 2: the email address, or the phone with its country (stored as E.164).</summary>
public sealed class EnrollDestinationModel(
    EnrollmentWizard wizard,
    CodeChallenges codes,
    ClientPolicies policies,
    CodeMessagesForPeople messages,
    IStringLocalizer<MfaText> text,
    IStringLocalizer<AccountText> accountText,
    IOptionsMonitor<IdentityHubOptions> options) : PageModel
{
    [BindProperty]
    [StringLength(254, ErrorMessage = "EnrollDestination.EmailTooLong")]
    public string? Email { get; set; }

    [BindProperty]
    [StringLength(30, ErrorMessage = "EnrollDestination.PhoneTooLong")]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Country { get; set; }

    public MfaMethodKind Kind { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>The country list in the reader's language (shared with the profile page).</summary>
    public IReadOnlyList<CountryOption> Countries => PhoneCountries.InReaderLanguage(accountText);

    public async Task<IActionResult> OnGetAsync()
    {
        var (state, redirect) = await wizard.LoadAsync(HttpContext);
        if (state is null)
        {
            return LocalRedirect(redirect!);
        }

        Kind = state.Enrollment.Kind!.Value;
        Country ??= options.CurrentValue.Mfa.DefaultCountry;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (state, redirect) = await wizard.LoadAsync(HttpContext);
        if (state is null)
        {
            return LocalRedirect(redirect!);
        }

        Kind = state.Enrollment.Kind!.Value;
        Country ??= options.CurrentValue.Mfa.DefaultCountry;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var destination = Kind == MfaMethodKind.Email ? CheckEmail() : CheckPhone();
        if (destination is null)
        {
            return Page();
        }

        var enrollment = state.Enrollment with { Destination = destination };
        var attempt = wizard.Save(HttpContext, state.Attempt, enrollment);
        var policy = await policies.ForAsync(attempt.ClientId);
        var result = await codes.SendAsync(state.User, Kind, destination, CodePurposes.Enrollment, enrollment.Id, policy,
            CodeMessagesForPeople.LanguageOf(Request), attempt.Reference, HttpContext.RequestAborted);
        if (result is SendResult.Sent sent)
        {
            wizard.Save(HttpContext, attempt with { Reference = sent.Reference }, attempt.Enrollment);
            return RedirectToPage("/Account/Mfa/EnrollVerify");
        }

        ErrorMessage = messages.For(result, policy.HelpDeskPhone);
        return Page();
    }

    private string? CheckEmail()
    {
        var email = Email?.Trim() ?? "";
        if (!Core.Accounts.EmailAddresses.IsValid(email))
        {
            ErrorMessage = text["EnrollDestination.EmailInvalid"];
            return null;
        }

        return email;
    }

    private string? CheckPhone()
    {
        if (Countries.All(country => country.RegionCode != Country))
        {
            ErrorMessage = text["EnrollDestination.ChooseCountry"];
            return null;
        }

        var parsed = PhoneNumbers.Parse(Phone ?? "", Country!);
        if (!parsed.IsValid)
        {
            ErrorMessage = parsed.Problem == PhoneProblem.Missing ? text["EnrollDestination.PhoneMissing"] : text["EnrollDestination.PhoneInvalid"];
            return null;
        }

        if (Kind == MfaMethodKind.Sms && !parsed.IsMobile)
        {
            ErrorMessage = text["EnrollDestination.NeedsMobile"];
            return null;
        }

        return parsed.E164;
    }
}
