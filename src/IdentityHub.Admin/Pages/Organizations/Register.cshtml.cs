using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Organizations;

/// <summary>A platform administrator registers an organization (a sensitive action); the Tax ID is typed twice.</summary>
public sealed class RegisterModel(OrganizationDirectory organizations, SensitiveActions sensitive) : ConsolePage
{
    [BindProperty]
    public OrganizationForm Input { get; set; } = new();

    public IActionResult OnGet() => Caller.IsPlatformAdministrator ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Caller.IsPlatformAdministrator)
        {
            return NotFound();
        }

        if (!sensitive.Allow(User))
        {
            return SensitiveActions.SignInAgain(HereUrl);
        }

        ModelState.Clear();
        var result = await organizations.CreateAsync(Caller, Input.ToInput(), cancellationToken);
        if (result is AdminResult<OrganizationView>.Done done)
        {
            Remember(done, Text["ConsoleRegister.Done", done.Value.Name]);
            return RedirectToPage("Edit", new { id = done.Value.Id });
        }

        return ShowRefusal(result) ?? Page();
    }
}
