using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Governance;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Profiles;

/// <summary>
/// A platform administrator renames or re-describes a profile, or changes its role claim (its portal stays). The
/// form carries the version it showed; a save after someone else's says so and shows the current values.
/// </summary>
public sealed class EditModel(ProfileCatalog catalog) : ConsolePage
{
    [BindProperty]
    public ProfileForm Input { get; set; } = new();

    [BindProperty]
    public string? Version { get; set; }

    public ProfileView Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!Caller.IsPlatformAdministrator || await catalog.FindAsync(Caller, id, cancellationToken) is not { } profile)
        {
            return NotFound();
        }

        Show(profile);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await catalog.UpdateAsync(Caller, id, Version ?? "", Input.ToInput(), cancellationToken);
        if (result is AdminResult<ProfileView>.Done done)
        {
            Remember(done, Text["ConsoleProfile.Saved", done.Value.DisplayName]);
            return RedirectToPage("Index");
        }

        if (ShowRefusal(result) is not null || await catalog.FindAsync(Caller, id, cancellationToken) is not { } current)
        {
            return NotFound();
        }

        if (result is AdminResult<ProfileView>.Stale)
        {
            Show(current);
        }
        else
        {
            Current = current;
        }

        return Page();
    }

    private void Show(ProfileView profile)
    {
        Current = profile;
        Input = ProfileForm.From(profile);
        Version = profile.Version;
        ModelState.Remove(nameof(Version));
    }
}
