using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Organizations.Locations;

/// <summary>An organization's administrator (or a platform administrator) adds an office, which invitations and people can then name.</summary>
public sealed class AddModel(OrganizationDirectory organizations, LocationDirectory locations) : ConsolePage
{
    [BindProperty]
    public LocationForm Input { get; set; } = new();

    public OrganizationView Organization { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var result = await locations.AddAsync(Caller, id, Input.ToInput(), cancellationToken);
        if (result is AdminResult<LocationView>.Done done)
        {
            Remember(done, Text["ConsoleOffice.Added", done.Value.Name]);
            return RedirectToPage("/Organizations/Edit", new { id });
        }

        return ShowRefusal(result) ?? Page();
    }

    /// <summary>The organization, when the caller may see it and change its offices.</summary>
    private async Task<bool> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!LocationDirectory.MayChange(Caller) || await organizations.FindAsync(Caller, id, cancellationToken) is not { } organization)
        {
            return false;
        }

        Organization = organization;
        return true;
    }
}
