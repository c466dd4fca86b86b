using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Governance;
using IdentityHub.Administration.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Organizations.Profiles;

/// <summary>
/// A platform administrator grants an organization a security profile (D4), from the organization's page; its
/// administrators may then give it to their people. This page shows the choice again when the grant is refused.
/// </summary>
public sealed class GrantModel(OrganizationDirectory organizations, OrganizationGrants grants, ProfileCatalog catalog) : ConsolePage
{
    [BindProperty]
    public string? ProfileId { get; set; }

    public OrganizationView Organization { get; private set; } = null!;

    public IReadOnlyList<ProfileView> Grantable { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await ShowAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(ProfileId))
        {
            ModelState.AddModelError(nameof(ProfileId), Text["ConsoleGrants.ChooseOne"]);
            return Page();
        }

        var result = await grants.GrantAsync(Caller, id, ProfileId, cancellationToken);
        if (result is AdminResult<ProfileView>.Done done)
        {
            Remember(done, Text["ConsoleGrants.Granted", done.Value.DisplayName, Organization.Name]);
            return RedirectToPage("/Organizations/Edit", null, new { id }, "security-profiles");
        }

        return ShowRefusal(result, prefix: "") ?? Page();
    }

    /// <summary>The organization and the profiles it does not hold yet, when the caller is a platform administrator who may see it.</summary>
    private async Task<bool> ShowAsync(string id, CancellationToken cancellationToken)
    {
        if (!Caller.IsPlatformAdministrator || await organizations.FindAsync(Caller, id, cancellationToken) is not { } organization)
        {
            return false;
        }

        Organization = organization;
        var held = await grants.ListAsync(Caller, id, cancellationToken) ?? [];
        Grantable = [.. (await catalog.ListAsync(Caller, cancellationToken: cancellationToken)).Where(profile => held.All(h => h.Id != profile.Id))];
        return true;
    }
}
