using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Governance;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Profiles;

/// <summary>A platform administrator defines a security profile for a portal (D4).</summary>
public sealed class AddModel(ProfileCatalog catalog) : ConsolePage
{
    [BindProperty]
    public ProfileForm Input { get; set; } = new();

    public IActionResult OnGet() => Caller.IsPlatformAdministrator ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await catalog.CreateAsync(Caller, Input.ToInput(), cancellationToken);
        if (result is AdminResult<ProfileView>.Done done)
        {
            Remember(done, Text["ConsoleProfile.Added", done.Value.DisplayName, done.Value.ClientId]);
            return RedirectToPage("Index");
        }

        return ShowRefusal(result) ?? Page();
    }
}
