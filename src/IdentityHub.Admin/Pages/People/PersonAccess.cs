using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Governance;
using IdentityHub.Core.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.People;

/// <summary>
/// The person page's access section (D4, D7): the security profiles they hold, chosen among those their
/// organization holds and saved at once; and their re-certification (when, by whom, when due, where it stands)
/// with a button that confirms it. The services refuse the help desk and anyone's own access; the page says so.
/// </summary>
public sealed partial class PersonModel
{
    /// <summary>The profiles the person is to hold (the checked boxes).</summary>
    [BindProperty]
    public List<string> ProfileIds { get; set; } = [];

    /// <summary>The version of the profiles the form showed (so that two administrators do not overwrite each other).</summary>
    [BindProperty]
    public string? AccessVersion { get; set; }

    /// <summary>What they hold, what may be given to them, and their re-certification.</summary>
    public PersonAccessView Access { get; private set; } = null!;

    /// <summary>The name of who last confirmed their access (the plan's staff when the caller cannot see them); null when nobody has yet.</summary>
    public string? ConfirmedByName { get; private set; }

    /// <summary>The help desk reads access; nobody changes their own; only platform administrators change the plan's own people's.</summary>
    public bool MayChangeAccess =>
        Caller.Role != AdministrativeRole.HelpDesk && Person.Id != Caller.UserId && (Person.OrganizationId is not null || Caller.IsPlatformAdministrator);

    public async Task<IActionResult> OnPostAccessAsync(string id, CancellationToken cancellationToken)
    {
        var wanted = ProfileIds.Where(profileId => !string.IsNullOrWhiteSpace(profileId)).ToList();
        var result = await _profiles.SetAsync(Caller, id, AccessVersion ?? "", wanted, cancellationToken);
        if (result is AdminResult<PersonAccessView>.Done done)
        {
            var name = await NameAsync(id, cancellationToken);
            Remember(done, done.Value.Held.Count switch
            {
                0 => Text["ConsoleAccess.SavedNone", name],
                1 => Text["ConsoleAccess.SavedOne", name],
                _ => Text["ConsoleAccess.SavedMany", name, done.Value.Held.Count],
            });
            return RedirectToPage(null, null, new { id }, "access");
        }

        ModelState.Clear();
        if (ShowRefusal(result, prefix: "") is not null || !await ShowAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (result is AdminResult<PersonAccessView>.Invalid)
        {
            ProfileIds = wanted; // the boxes as they were ticked, beside the problem
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAccessAsync(string id, CancellationToken cancellationToken)
    {
        var outcome = await _reviews.ConfirmAsync(Caller, [id], cancellationToken);
        if (outcome.Done.Contains(id))
        {
            DoneMessage = Text["ConsoleAccess.Confirmed", await NameAsync(id, cancellationToken)];
            return RedirectToPage(null, null, new { id }, "access");
        }

        ModelState.Clear();
        if (!await ShowAsync(id, cancellationToken))
        {
            return NotFound();
        }

        RefusedMessage = outcome.Refused.TryGetValue(id, out var reason) ? reason : null;
        return Page();
    }

    private async Task ShowAccessAsync(string id, CancellationToken cancellationToken)
    {
        Access = await _profiles.FindAsync(Caller, id, cancellationToken) ?? new PersonAccessView(id, Person.OrganizationId, [], [], null);
        ProfileIds = [.. Access.Held.Select(profile => profile.Id)];
        ConfirmedByName = Access.Review?.ConfirmedBy is { } confirmer
            ? await FindVisibleAsync(confirmer, cancellationToken) is { } who ? NameOf(who) : Text["ConsoleAccess.ThePlansStaff"]
            : null;
    }

    private async Task<string> NameAsync(string id, CancellationToken cancellationToken) =>
        await FindVisibleAsync(id, cancellationToken) is { } person ? NameOf(person) : Text["ConsolePerson.ThePerson"];
}
