using IdentityHub.Admin.Console;
using IdentityHub.Administration.Clients;
using IdentityHub.Core.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Clients;

/// <summary>
/// The registered clients (P6, P7) for the plan's staff: name, client id, how it authenticates, what it may do, who
/// registered it. Only platform administrators are offered registering one; nobody else finds the page.
/// </summary>
public sealed class IndexModel(ClientRegistry registry) : ConsolePage
{
    public IReadOnlyList<ClientSummary> Clients { get; private set; } = [];

    public bool MayChange => Caller.IsPlatformAdministrator;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Caller.Role.IsPlatformStaff())
        {
            return NotFound();
        }

        Clients = await registry.ListAsync(Caller, cancellationToken);
        return Page();
    }
}
