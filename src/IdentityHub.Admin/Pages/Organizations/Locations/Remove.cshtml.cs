using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Organizations.Locations;

/// <summary>Asks before removing an office; says why not when people or pending invitations still name it.</summary>
public sealed class RemoveModel(LocationDirectory locations) : ConsolePage
{
    [BindProperty]
    public string? Version { get; set; }

    public LocationView Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, string locationId, CancellationToken cancellationToken)
    {
        if (!LocationDirectory.MayChange(Caller) || await locations.FindAsync(Caller, id, locationId, cancellationToken) is not { } location)
        {
            return NotFound();
        }

        (Current, Version) = (location, location.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string locationId, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await locations.RemoveAsync(Caller, id, locationId, Version, cancellationToken);
        if (result is AdminResult<LocationView>.Done done)
        {
            Remember(done, Text["ConsoleOffice.Removed", done.Value.Name]);
            return RedirectToPage("/Organizations/Edit", new { id });
        }

        if (ShowRefusal(result, prefix: "") is not null || await locations.FindAsync(Caller, id, locationId, cancellationToken) is not { } current)
        {
            return NotFound();
        }

        Current = current;
        if (result is AdminResult<LocationView>.Stale)
        {
            Version = current.Version;
        }

        return Page();
    }
}
