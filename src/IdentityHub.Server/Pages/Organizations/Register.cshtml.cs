using IdentityHub.Administration;
using IdentityHub.Administration.Organizations;
using IdentityHub.Administration.Registrations;
using IdentityHub.Core.Audit;
using IdentityHub.Server.Pages.Shared;
using IdentityHub.Server.Throttling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Texts;

namespace IdentityHub.Server.Pages.Organizations;

/// <summary>
/// The public registration request (D2), no sign-in: the practice or agency and its primary and secondary
/// administrators, each mistake named by its field. Automated abuse meets a rate limit per network address
/// and per email address named, and a honeypot field people never see: when it is filled the page answers
/// as if the request were received, and nothing is saved or sent.
/// </summary>
public sealed class RegisterModel(RegistrationDesk desk, PageLimits limits, ClientAddresses addresses, IStringLocalizer<OrganizationText> text) : PageModel
{
    /// <summary>The form's fields in page order, for the error summary.</summary>
    private static readonly string[] FieldOrder =
    [
        "Input.Name", "Input.TaxId", "Input.TaxIdConfirmation", "Input.Line1", "Input.Line2", "Input.City", "Input.State", "Input.PostalCode", "Input.Phone", "Input.Fax",
        "Input.PrimaryGivenName", "Input.PrimaryFamilyName", "Input.PrimaryEmail", "Input.PrimaryPhone",
        "Input.SecondaryGivenName", "Input.SecondaryFamilyName", "Input.SecondaryEmail", "Input.SecondaryPhone",
    ];

    [BindProperty]
    public RegistrationForm Input { get; set; } = new();

    /// <summary>The honeypot: hidden from people, so anything in it was typed by a program.</summary>
    [BindProperty]
    public string? Website { get; set; }

    /// <summary>Set when the request was received: its reference number.</summary>
    public string? Reference { get; private set; }

    public IReadOnlyList<FieldError> Problems => ErrorSummary.From(ModelState, FieldOrder);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await limits.RegistrationAsync(HttpContext, [Input.PrimaryEmail ?? "", Input.SecondaryEmail ?? ""]) is { Allowed: false } limit)
        {
            return new TooManyAttempts(limit.RetryAfter);
        }

        if (!string.IsNullOrEmpty(Website))
        {
            Reference = AuditReferences.New();
            return Page();
        }

        switch (await desk.SubmitAsync(Input.ToInput(), addresses.Of(HttpContext), SupportedLanguages.Current, HttpContext.RequestAborted))
        {
            case AdminResult<RegistrationView>.Done done:
                Reference = done.Reference;
                break;
            case AdminResult<RegistrationView>.Invalid invalid:
                foreach (var (field, problems) in invalid.Problems)
                {
                    foreach (var problem in problems)
                    {
                        ModelState.AddModelError(RegistrationForm.FieldOf(field), RegistrationProblems.Translate(field, problem, text));
                    }
                }

                break;
        }

        return Page();
    }

    /// <summary>The form as typed; the library checks it (every field optional here, so each mistake is named once, in its words).</summary>
    public sealed class RegistrationForm
    {
        public string? Name { get; set; }

        public string? TaxId { get; set; }

        public string? TaxIdConfirmation { get; set; }

        public string? Line1 { get; set; }

        public string? Line2 { get; set; }

        public string? City { get; set; }

        public string? State { get; set; }

        public string? PostalCode { get; set; }

        public string? Phone { get; set; }

        public string? Fax { get; set; }

        public string? PrimaryGivenName { get; set; }

        public string? PrimaryFamilyName { get; set; }

        public string? PrimaryEmail { get; set; }

        public string? PrimaryPhone { get; set; }

        public string? SecondaryGivenName { get; set; }

        public string? SecondaryFamilyName { get; set; }

        public string? SecondaryEmail { get; set; }

        public string? SecondaryPhone { get; set; }

        public RegistrationInput ToInput() => new(
            new OrganizationInput(Name, TaxId, TaxIdConfirmation, new AddressInput(Line1, Line2, City, State, PostalCode), Phone, Fax),
            new AdministratorInput(PrimaryGivenName, PrimaryFamilyName, PrimaryEmail, PrimaryPhone),
            new AdministratorInput(SecondaryGivenName, SecondaryFamilyName, SecondaryEmail, SecondaryPhone));

        /// <summary>The form field of a library field name: "address.city" is Input.City, "primary.givenName" Input.PrimaryGivenName.</summary>
        public static string FieldOf(string field) =>
            "Input." + string.Concat(field.Split('.').Where(part => part is not ("address" or "")).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
    }
}
