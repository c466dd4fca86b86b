using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.People;
using IdentityHub.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Admin.Pages.People;

/// <summary>
/// Change a person's given and family name and office (D6), with the version the form showed: a save after
/// someone else's says so and shows what the record holds now. Email and phone stay the person's own (A11).
/// </summary>
public sealed class DetailsModel(PeopleDirectory people, AccountActions actions, IdentityHubDbContext db) : ConsolePage
{
    [BindProperty]
    public DetailsForm Input { get; set; } = new();

    [BindProperty]
    public string? Version { get; set; }

    public PersonView Person { get; private set; } = null!;

    /// <summary>The rules let the caller change this person's details (the help desk does not); otherwise the page says why.</summary>
    public bool MayChange { get; private set; }

    /// <summary>The offices of the person's organization, by name.</summary>
    public IReadOnlyList<(string Id, string Name)> Offices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await ShowAsync(id, fillForm: true, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await actions.ChangeDetailsAsync(Caller, id, Version, Input.ToInput(), cancellationToken);
        if (result is AdminResult<PersonView>.Done done)
        {
            Remember(done, Text["ConsoleDetails.Saved", $"{done.Value.GivenName} {done.Value.FamilyName}"]);
            return RedirectToPage("Person", new { id });
        }

        if (ShowRefusal(result) is { } notFound)
        {
            return notFound;
        }

        // A stale save shows what the record holds now; a form with mistakes keeps what was typed.
        var stale = result is AdminResult<PersonView>.Stale;
        return await ShowAsync(id, fillForm: stale, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> ShowAsync(string id, bool fillForm, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(Caller, id, cancellationToken) is not { } person)
        {
            return false;
        }

        Person = person;
        MayChange = AccountActionRules.Refusal(Caller, AccountAction.ChangeDetails, person.Id, person.Role) is null;
        RefusedMessage ??= MayChange ? null : AccountActionRules.Refusal(Caller, AccountAction.ChangeDetails, person.Id, person.Role);
        if (fillForm)
        {
            Input = new DetailsForm { GivenName = person.GivenName, FamilyName = person.FamilyName, LocationId = person.LocationId };
            Version = person.Version;
        }

        if (person.OrganizationId is { } organizationId)
        {
            var offices = await db.OrganizationLocations.AsNoTracking().Where(l => l.OrganizationId == organizationId).OrderBy(l => l.Name)
                .Select(l => new { l.Id, l.Name }).ToListAsync(cancellationToken);
            Offices = [.. offices.Select(office => (office.Id, office.Name))];
        }

        return true;
    }
}
