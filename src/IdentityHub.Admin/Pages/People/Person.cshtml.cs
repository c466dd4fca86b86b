using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.People;
using IdentityHub.Core.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.People;

/// <summary>
/// A person's details and the change of their administrative role (a sensitive action), under the staffing
/// rule: refused when it would leave the organization without its primary administrator, done with a warning
/// when it leaves it without a backup. Someone in another organization is the 404 page.
/// </summary>
public sealed class PersonModel(PeopleDirectory people, SensitiveActions sensitive) : ConsolePage
{
    public static readonly IReadOnlyList<(AdministrativeRole Role, string Description)> Choices =
    [
        (AdministrativeRole.GeneralUser, "Uses the portals; administers nothing."),
        (AdministrativeRole.BackupAdministrator, "Invites and manages the organization's people when the primary administrator cannot."),
        (AdministrativeRole.PrimaryAdministrator, "The organization's one main administrator."),
    ];

    [BindProperty]
    public string? Version { get; set; }

    [BindProperty]
    public AdministrativeRole? NewRole { get; set; }

    public PersonView Person { get; private set; } = null!;

    /// <summary>The help desk changes no roles; the plan's own staff have no organization role to change.</summary>
    public bool CanChangeRole => Caller.Role != AdministrativeRole.HelpDesk && Person.OrganizationId is not null;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRoleAsync(string id, CancellationToken cancellationToken)
    {
        if (!sensitive.Allow(User))
        {
            return SensitiveActions.SignInAgain($"/People/{Uri.EscapeDataString(id)}");
        }

        if (NewRole is not { } role)
        {
            ModelState.Clear();
            return await ShowAsync(id, cancellationToken, keepVersion: true) ? WithProblem("Choose general user, backup administrator or primary administrator.") : NotFound();
        }

        var result = await people.ChangeRoleAsync(Caller, id, Version, role, cancellationToken);
        if (result is AdminResult<PersonView>.Done done)
        {
            Remember(done, $"{done.Value.GivenName} {done.Value.FamilyName} is now: {RoleNames.Label(done.Value.Role)}.");
            return RedirectToPage(new { id });
        }

        ModelState.Clear();
        if (ShowRefusal(result, prefix: "") is not null || !await ShowAsync(id, cancellationToken, keepVersion: result is not AdminResult<PersonView>.Stale))
        {
            return NotFound();
        }

        // The service names the field "role"; the form's is NewRole.
        if (ModelState.TryGetValue("Role", out var entry))
        {
            var problems = entry.Errors.Select(error => error.ErrorMessage).ToList();
            ModelState.Remove("Role");
            problems.ForEach(problem => ModelState.AddModelError(nameof(NewRole), problem));
        }

        return Page();
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult WithProblem(string problem)
    {
        ModelState.AddModelError(nameof(NewRole), problem);
        return Page();
    }

    private async Task<bool> ShowAsync(string id, CancellationToken cancellationToken, bool keepVersion = false)
    {
        if (await people.FindAsync(Caller, id, cancellationToken) is not { } person)
        {
            return false;
        }

        Person = person;
        NewRole = person.Role;
        if (!keepVersion)
        {
            Version = person.Version;
        }

        ModelState.Remove(nameof(Version));
        ModelState.Remove(nameof(NewRole));
        return true;
    }
}
