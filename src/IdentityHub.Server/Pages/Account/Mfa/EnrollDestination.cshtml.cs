using System.ComponentModel.DataAnnotations;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account.Mfa;

/// <summary>Enrollment, step 2: the email address, or the phone with its country (stored as E.164).</summary>
public sealed class EnrollDestinationModel(EnrollmentWizard wizard, CodeChallenges codes, ClientPolicies policies, IOptionsMonitor<IdentityHubOptions> options) : PageModel
{
    [BindProperty]
    [StringLength(254, ErrorMessage = "An email address has at most 254 characters.")]
    public string? Email { get; set; }

    [BindProperty]
    [StringLength(30, ErrorMessage = "That phone number is too long.")]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Country { get; set; }

    public MfaMethodKind Kind { get; private set; }

    public string? ErrorMessage { get; private set; }

    public IReadOnlyList<CountryOption> Countries { get; } = PhoneNumbers.Countries();

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
        var policy = policies.For(attempt.ClientId);
        var result = await codes.SendAsync(state.User, Kind, destination, CodePurposes.Enrollment, enrollment.Id, policy,
            CodeMessagesForPeople.LanguageOf(Request), attempt.Reference, HttpContext.RequestAborted);
        if (result is SendResult.Sent sent)
        {
            wizard.Save(HttpContext, attempt with { Reference = sent.Reference }, attempt.Enrollment);
            return RedirectToPage("/Account/Mfa/EnrollVerify");
        }

        ErrorMessage = CodeMessagesForPeople.For(result, policy.HelpDeskPhone);
        return Page();
    }

    private string? CheckEmail()
    {
        var email = Email?.Trim() ?? "";
        if (!Core.Accounts.EmailAddresses.IsValid(email))
        {
            ErrorMessage = "Enter an email address like name@example.com.";
            return null;
        }

        return email;
    }

    private string? CheckPhone()
    {
        if (Countries.All(country => country.RegionCode != Country))
        {
            ErrorMessage = "Choose the country of your phone number.";
            return null;
        }

        var parsed = PhoneNumbers.Parse(Phone ?? "", Country!);
        if (!parsed.IsValid)
        {
            ErrorMessage = parsed.Error ?? "Enter a valid phone number for the country you chose.";
            return null;
        }

        if (Kind == MfaMethodKind.Sms && !parsed.IsMobile)
        {
            ErrorMessage = "Text messages need a mobile phone number. Enter a mobile number, or go back and choose a phone call.";
            return null;
        }

        return parsed.E164;
    }
}
