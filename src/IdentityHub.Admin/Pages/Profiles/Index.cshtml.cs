using IdentityHub.Admin.Console;
using IdentityHub.Administration.Governance;
using IdentityHub.Core.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Profiles;

/// <summary>
/// The security profiles (D4, A13), grouped by portal: every profile for the plan's staff, the profiles their
/// organization holds for an organization's administrators (read-only). Only platform administrators are
/// offered adding, changing and deleting.
/// </summary>
public sealed class IndexModel(ProfileCatalog catalog) : ConsolePage
{
    /// <summary>The profiles by portal (client id), portals in order.</summary>
    public IReadOnlyList<IGrouping<string, ProfileView>> Portals { get; private set; } = [];

    public int Count { get; private set; }

    public bool MayChange => Caller.IsPlatformAdministrator;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Caller.Role.IsPlatformStaff() && Caller.OrganizationId is null)
        {
            return NotFound();
        }

        var profiles = await catalog.ListAsync(Caller, cancellationToken: cancellationToken);
        Count = profiles.Count;
        Portals = [.. profiles.GroupBy(profile => profile.ClientId, StringComparer.Ordinal).OrderBy(portal => portal.Key, StringComparer.Ordinal)];
        return Page();
    }
}
