using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Registrations;
using IdentityHub.Data.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Registrations;

/// <summary>
/// One registration request; a platform administrator approves it (the organization is created and both
/// administrators invited) or rejects it with a reason. Both are sensitive actions.
/// </summary>
public sealed class DetailsModel(RegistrationDesk desk, SensitiveActions sensitive) : ConsolePage
{
    [BindProperty]
    public string? Version { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public RegistrationView Registration { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApproveAsync(string id, CancellationToken cancellationToken)
    {
        if (!sensitive.Allow(User))
        {
            return SensitiveActions.SignInAgain(HereUrl.Split('?')[0]);
        }

        var result = await desk.ApproveAsync(Caller, id, Version, cancellationToken);
        if (result is AdminResult<ApprovedRegistration>.Done done)
        {
            Remember(done, Text["ConsoleRegistration.Approved", done.Value.Organization.Name, done.Value.Primary.Email, done.Value.Secondary.Email]);
            return RedirectToPage("Index");
        }

        return await AgainAsync(id, result, cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectAsync(string id, CancellationToken cancellationToken)
    {
        if (!sensitive.Allow(User))
        {
            return SensitiveActions.SignInAgain(HereUrl.Split('?')[0]);
        }

        var result = await desk.RejectAsync(Caller, id, Version, Reason, cancellationToken);
        if (result is AdminResult<RegistrationView>.Done done)
        {
            Remember(done, Text["ConsoleRegistration.Rejected", done.Value.OrganizationName]);
            return RedirectToPage("Index");
        }

        return await AgainAsync(id, result, cancellationToken);
    }

    private async Task<IActionResult> AgainAsync<T>(string id, AdminResult<T> result, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (ShowRefusal(result, prefix: "") is not null || !await ShowAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>The request in any status; false when there is none the caller may see.</summary>
    private async Task<bool> ShowAsync(string id, CancellationToken cancellationToken)
    {
        if (await desk.FindAsync(Caller, id, cancellationToken) is not AdminResult<RegistrationView>.Done { Value: var request })
        {
            return false;
        }

        Registration = request;
        Version = request.Version;
        ModelState.Remove(nameof(Version));
        return true;
    }
}
