using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Organizations.Locations;

/// <summary>Changes an office's name, address or phone. The form carries the version it showed; a save after someone else's says so and shows the current values.</summary>
public sealed class EditModel(LocationDirectory locations) : ConsolePage
{
    [BindProperty]
    public LocationForm Input { get; set; } = new();

    [BindProperty]
    public string? Version { get; set; }

    public LocationView Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, string locationId, CancellationToken cancellationToken)
    {
        if (!LocationDirectory.MayChange(Caller) || await locations.FindAsync(Caller, id, locationId, cancellationToken) is not { } location)
        {
            return NotFound();
        }

        Show(location);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string locationId, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await locations.ChangeAsync(Caller, id, locationId, Version, Input.ToInput(), cancellationToken);
        if (result is AdminResult<LocationView>.Done done)
        {
            Remember(done, Text["ConsoleOffice.Saved", done.Value.Name]);
            return RedirectToPage("/Organizations/Edit", new { id });
        }

        if (ShowRefusal(result) is not null || await locations.FindAsync(Caller, id, locationId, cancellationToken) is not { } current)
        {
            return NotFound();
        }

        if (result is AdminResult<LocationView>.Stale)
        {
            Show(current);
        }
        else
        {
            Current = current;
        }

        return Page();
    }

    private void Show(LocationView location)
    {
        Current = location;
        Input = LocationForm.From(location);
        Version = location.Version;
        ModelState.Remove(nameof(Version));
    }
}
