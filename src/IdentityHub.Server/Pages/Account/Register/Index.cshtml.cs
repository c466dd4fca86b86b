using System.ComponentModel.DataAnnotations;
using IdentityHub.Core.Members;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Members.Registration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Pages.Shared;
using IdentityHub.Server.Texts;
using IdentityHub.Server.Throttling;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Pages.Account.Register;

/// <summary>
/// Creating an account, step 1 (A15): "Confirm you are a member" with the details on the member card. Every
/// mismatch gets the same words; a member who already has an account is told so without its username or email.
/// </summary>
public sealed class RegisterModel(
    MemberProofs proofs,
    ClientPolicies policies,
    ICurrentPortal current,
    IDataProtectionProvider protection,
    TimeProvider time,
    IStringLocalizer<MemberText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set when a registration timed out and starts again.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Expired { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "MemberProof.MemberIdRequired")]
    [StringLength(64, ErrorMessage = "MemberProof.MemberIdTooLong")]
    public string? MemberId { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "MemberProof.BirthMonthRequired")]
    [Range(1, 12, ErrorMessage = "MemberProof.BirthMonthRange")]
    public int? BirthMonth { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "MemberProof.BirthDayRequired")]
    [Range(1, 31, ErrorMessage = "MemberProof.BirthDayRange")]
    public int? BirthDay { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "MemberProof.BirthYearRequired")]
    [Range(1900, 9999, ErrorMessage = "MemberProof.BirthYearRange")]
    public int? BirthYear { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "MemberProof.LastNameRequired")]
    [StringLength(100, ErrorMessage = "MemberProof.LastNameTooLong")]
    public string? LastName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "MemberProof.ZipRequired")]
    [RegularExpression(@"^\s*\d{5}(\s*-?\s*\d{4})?\s*$", ErrorMessage = "MemberProof.ZipFormat")]
    public string? ZipCode { get; set; }

    public RegistrationPortal Portal { get; private set; } = null!;

    /// <summary>The one sentence for every mismatch, or the roster's "try again later".</summary>
    public string? ErrorMessage { get; private set; }

    public string? Reference { get; private set; }

    public bool AlreadyRegistered { get; private set; }

    public IReadOnlyList<FieldError> Problems => ErrorSummary.From(ModelState,
        [nameof(MemberId), nameof(BirthMonth), nameof(BirthDay), nameof(BirthYear), nameof(LastName), nameof(ZipCode)]);

    public async Task OnGetAsync() => Portal = await RegistrationPortal.OfAsync(ReturnUrl, current, policies, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        Expired = false;
        Portal = await RegistrationPortal.OfAsync(ReturnUrl, current, policies, HttpContext.RequestAborted);
        if (!Portal.Allowed || !ModelState.IsValid || BirthDate() is not { } birthDate)
        {
            return Page();
        }

        var proof = new MemberProof(MemberId!, birthDate, LastName!, ZipCode!);
        switch (await proofs.CheckAsync(HttpContext, proof, Portal.Destination, Portal.ClientId))
        {
            case ProofOutcome.Limited limited:
                return new TooManyAttempts(limited.RetryAfter);
            case ProofOutcome.Proved proved:
                proved.State.Save(HttpContext, protection);
                return LocalRedirect(RegistrationPaths.SignIn);
            case ProofOutcome.AlreadyRegistered already:
                (AlreadyRegistered, Reference) = (true, already.Reference);
                return Page();
            case ProofOutcome.Unavailable unavailable:
                (ErrorMessage, Reference) = (text["MemberProof.Unavailable"], unavailable.Reference);
                return Page();
            case ProofOutcome.NotMatched refused:
                (ErrorMessage, Reference) = (text["MemberProof.NotMatched"], refused.Reference);
                return Page();
            default:
                return Page();
        }
    }

    /// <summary>The date typed, when it is a real date not in the future; else a problem on the month field.</summary>
    private DateOnly? BirthDate()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (BirthYear is { } year && BirthMonth is { } month && BirthDay is { } day
            && day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) is var date && date <= today)
        {
            return date;
        }

        ModelState.AddModelError(nameof(BirthMonth), text["MemberProof.BirthDateInvalid"]);
        return null;
    }
}
