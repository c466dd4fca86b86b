using IdentityHub.Data;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Governance;
using IdentityHub.Server.Pages.Shared;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Pages.Account;

/// <summary>
/// The sign-in of a person whose access was not re-certified in time stops here (D7): why, since when, and
/// which of their organization's administrators can confirm it. The attempt ends; after a confirmation the
/// person signs in again as usual.
/// </summary>
public sealed class AccessOnHoldModel(SignInAttempts attempts, SignInFlow flow, IdentityHubDbContext db, OrganizationContacts contacts, AuditLog audit, Microsoft.Extensions.Options.IOptionsMonitor<IdentityHub.Administration.Governance.GovernanceOptions> governance) : PageModel
{
    public string DueAt { get; private set; } = "";

    public int IntervalDays => (int)governance.CurrentValue.RecertificationInterval.TotalDays;

    public AskAdministrators Ask { get; private set; } = new(null, []);

    public string Reference { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var attempt = attempts.Read(HttpContext);
        if (attempt is null)
        {
            return LocalRedirect(EnrollmentWizard.SignInAgainPage);
        }

        var review = await db.AccessReviews.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == attempt.UserId && r.SuspendedAt != null, HttpContext.RequestAborted);
        if (review is null)
        {
            // Confirmed in the meantime: carry on with the sign-in.
            return LocalRedirect(await flow.ContinueAsync(HttpContext, attempt));
        }

        attempts.End(HttpContext);
        DueAt = review.DueAt.UtcDateTime.ToString("D", System.Globalization.CultureInfo.CurrentCulture);
        var (organization, administrators) = await contacts.ForAsync(attempt.UserId, HttpContext.RequestAborted);
        Ask = new AskAdministrators(organization, administrators);
        Reference = await audit.RecordAsync("sign_in", "refused", attempt.UserId, attempt.ClientId, "access suspended: not re-certified in time", attempt.Reference, HttpContext.RequestAborted);
        return Page();
    }
}
