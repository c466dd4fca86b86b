using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Governance;
using IdentityHub.Administration.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Organizations.Profiles;

/// <summary>
/// Asks before a platform administrator takes a security profile back from an organization, saying how many of
/// its people hold it: they lose it at once (their next token refresh for the portal is refused).
/// </summary>
public sealed class RevokeModel(OrganizationDirectory organizations, OrganizationGrants grants, ProfileCatalog catalog) : ConsolePage
{
    public OrganizationView Organization { get; private set; } = null!;

    public ProfileView Profile { get; private set; } = null!;

    public int Holders { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string profileId, CancellationToken cancellationToken) =>
        await ShowAsync(id, profileId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, string profileId, CancellationToken cancellationToken)
    {
        if (!await ShowAsync(id, profileId, cancellationToken))
        {
            return NotFound();
        }

        var result = await grants.RevokeAsync(Caller, id, profileId, cancellationToken);
        if (result is AdminResult<ProfileView>.Done done)
        {
            Remember(done, Text["ConsoleGrants.Revoked", done.Value.DisplayName, Organization.Name]);
            return RedirectToPage("/Organizations/Edit", null, new { id }, "security-profiles");
        }

        return ShowRefusal(result, prefix: "") ?? Page();
    }

    /// <summary>The organization and a profile it holds, when the caller is a platform administrator who may see it.</summary>
    private async Task<bool> ShowAsync(string id, string profileId, CancellationToken cancellationToken)
    {
        if (!Caller.IsPlatformAdministrator || await organizations.FindAsync(Caller, id, cancellationToken) is not { } organization
            || (await grants.ListAsync(Caller, id, cancellationToken))?.FirstOrDefault(p => p.Id == profileId) is not { } profile)
        {
            return false;
        }

        (Organization, Profile) = (organization, profile);
        Holders = await catalog.HolderCountAsync(Caller, profileId, id, cancellationToken) ?? 0;
        return true;
    }
}
