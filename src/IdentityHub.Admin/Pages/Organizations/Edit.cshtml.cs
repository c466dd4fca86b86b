using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Governance;
using IdentityHub.Administration.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Organizations;

/// <summary>
/// An organization's details, changed by its own administrators or the plan's platform administrators. The form
/// carries the version it showed; a save after someone else's says so and shows the current values. Below, its
/// offices and the security profiles it holds (granted and taken back by platform administrators).
/// </summary>
public sealed class EditModel(OrganizationDirectory organizations, LocationDirectory locations, OrganizationGrants grants, ProfileCatalog catalog) : ConsolePage
{
    [BindProperty]
    public OrganizationForm Input { get; set; } = new();

    [BindProperty]
    public string? Version { get; set; }

    public OrganizationView Current { get; private set; } = null!;

    /// <summary>The organization's offices, listed under its details.</summary>
    public IReadOnlyList<LocationView> Offices { get; private set; } = [];

    public bool MayChangeOffices => LocationDirectory.MayChange(Caller);

    /// <summary>The security profiles the organization holds.</summary>
    public IReadOnlyList<ProfileView> Profiles { get; private set; } = [];

    /// <summary>The profiles a platform administrator may grant it (those it does not hold yet); empty for anyone else.</summary>
    public IReadOnlyList<ProfileView> Grantable { get; private set; } = [];

    public bool MayGrantProfiles => Caller.IsPlatformAdministrator;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await organizations.FindAsync(Caller, id, cancellationToken) is not { } organization)
        {
            return NotFound();
        }

        Show(organization);
        await ListOfficesAsync(id, cancellationToken);
        await ListProfilesAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await organizations.UpdateAsync(Caller, id, Version, Input.ToInput(), cancellationToken);
        if (result is AdminResult<OrganizationView>.Done done)
        {
            Remember(done, Text["ConsoleOrganization.Saved"]);
            return RedirectToPage(new { id });
        }

        if (ShowRefusal(result) is not null || await organizations.FindAsync(Caller, id, cancellationToken) is not { } current)
        {
            return NotFound();
        }

        if (result is AdminResult<OrganizationView>.Stale)
        {
            Show(current);
        }
        else
        {
            Current = current;
        }

        await ListOfficesAsync(id, cancellationToken);
        await ListProfilesAsync(id, cancellationToken);
        return Page();
    }

    private async Task ListOfficesAsync(string id, CancellationToken cancellationToken) =>
        Offices = await locations.ListAsync(Caller, id, cancellationToken) is AdminResult<IReadOnlyList<LocationView>>.Done done ? done.Value : [];

    private async Task ListProfilesAsync(string id, CancellationToken cancellationToken)
    {
        Profiles = await grants.ListAsync(Caller, id, cancellationToken) ?? [];
        Grantable = MayGrantProfiles
            ? [.. (await catalog.ListAsync(Caller, cancellationToken: cancellationToken)).Where(profile => Profiles.All(held => held.Id != profile.Id))]
            : [];
    }

    /// <summary>The organization as it is now, in the form, with its version.</summary>
    private void Show(OrganizationView organization)
    {
        Current = organization;
        Input = OrganizationForm.From(organization);
        Version = organization.Version;
        ModelState.Remove(nameof(Version));
    }
}
