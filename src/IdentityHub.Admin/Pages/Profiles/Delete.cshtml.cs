using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Governance;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Profiles;

/// <summary>
/// Asks before a platform administrator deletes a profile, saying how many people hold it: deleting takes it
/// from every organization and every person, and their next token refresh for the portal is refused.
/// </summary>
public sealed class DeleteModel(ProfileCatalog catalog) : ConsolePage
{
    [BindProperty]
    public string? Version { get; set; }

    public ProfileView Current { get; private set; } = null!;

    public int Holders { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!Caller.IsPlatformAdministrator || !await ShowAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Version = Current.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await catalog.DeleteAsync(Caller, id, Version ?? "", cancellationToken);
        if (result is AdminResult<ProfileView>.Done done)
        {
            Remember(done, Text["ConsoleProfile.Deleted", done.Value.DisplayName, done.Value.ClientId]);
            return RedirectToPage("Index");
        }

        if (ShowRefusal(result, prefix: "") is not null || !await ShowAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (result is AdminResult<ProfileView>.Stale)
        {
            Version = Current.Version;
        }

        return Page();
    }

    private async Task<bool> ShowAsync(string id, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(Caller, id, cancellationToken) is not { } profile)
        {
            return false;
        }

        Current = profile;
        Holders = await catalog.HolderCountAsync(Caller, id, cancellationToken: cancellationToken) ?? 0;
        return true;
    }
}
