using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Registrations;
using IdentityHub.Data.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Registrations;

/// <summary>The queue of registration requests waiting for the plan's decision (the plan's staff only).</summary>
public sealed class IndexModel(RegistrationDesk desk) : ConsolePage
{
    public IReadOnlyList<RegistrationView> Pending { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await desk.ListAsync(Caller, RegistrationStatus.Pending, cancellationToken) is not AdminResult<IReadOnlyList<RegistrationView>>.Done done)
        {
            return NotFound();
        }

        Pending = done.Value;
        return Page();
    }
}
