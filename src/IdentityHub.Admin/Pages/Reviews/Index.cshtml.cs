using System.Text.Json;
using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Governance;
using IdentityHub.Administration.Organizations;
using IdentityHub.Administration.People;
using IdentityHub.Core.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Reviews;

/// <summary>
/// Access reviews (D7): the people whose access is to be confirmed, by status and (for the plan's staff) by
/// organization, soonest deadline first. An administrator confirms one person, or confirms or removes the
/// access of those ticked; removing asks first. After a bulk action the page says how many were done and, for
/// each person refused, why (the service's words).
/// </summary>
public sealed class IndexModel(AccessReviews reviews, OrganizationDirectory organizations, PeopleDirectory people) : ConsolePage
{
    /// <summary>The values of the buttons (a browser sends the name and value of the button pressed).</summary>
    public const string ConfirmSelected = "confirm", RemoveSelected = "remove", RemoveConfirmed = "remove-confirmed";

    /// <summary>How many people one bulk action takes at most (a page's worth).</summary>
    public const int MaxSelected = 100;

    /// <summary>The statuses offered as filters (besides everyone).</summary>
    public static readonly IReadOnlyList<ReviewStatus> Filters = [ReviewStatus.DueSoon, ReviewStatus.Overdue, ReviewStatus.Suspended];

    [BindProperty(SupportsGet = true)]
    public ReviewStatus? Status { get; set; }

    /// <summary>The plan's staff may look at one organization; anyone else sees their own.</summary>
    [BindProperty(SupportsGet = true)]
    public string? OrganizationId { get; set; }

    [FromQuery(Name = "page")] // the query, not the route value "page" (the page's own name)
    public int PageNumber { get; set; } = 1;

    /// <summary>The people ticked.</summary>
    [BindProperty]
    public List<string> UserIds { get; set; } = [];

    /// <summary>The bulk button pressed: <see cref="ConfirmSelected"/>, <see cref="RemoveSelected"/> or <see cref="RemoveConfirmed"/>.</summary>
    [BindProperty]
    public string? Act { get; set; }

    /// <summary>The person whose own Confirm button was pressed.</summary>
    [BindProperty]
    public string? ConfirmOne { get; set; }

    /// <summary>The people refused by the last action and why, as JSON (kept across the redirect).</summary>
    [TempData]
    public string? RefusedPeople { get; set; }

    public Page<ReviewView> Results { get; private set; } = new([], 0, 1, 25);

    /// <summary>The organizations the plan's staff choose among (by name, the first hundred, and the one chosen).</summary>
    public IReadOnlyList<OrganizationView> Organizations { get; private set; } = [];

    /// <summary>Whose removal the page asks about before doing it; empty when it asks nothing.</summary>
    public IReadOnlyList<(string Id, string Name)> Removing { get; private set; } = [];

    /// <summary>The help desk reads the reviews; administrators confirm and remove.</summary>
    public bool MayAct => Caller.Role != AdministrativeRole.HelpDesk;

    public int PageCount => Math.Max(1, (Results.Total + Results.PageSize - 1) / Results.PageSize);

    public Pager Pager => new(Results.PageNumber, PageCount, ListUrl);

    /// <summary>This list's address with its filters, on page <paramref name="number"/>.</summary>
    public string ListUrl(int number) => Pager.Link("/Reviews", number, ("status", Status), ("organizationId", OrganizationId));

    public IReadOnlyList<Refusal> Refusals =>
        RefusedPeople is null ? [] : JsonSerializer.Deserialize<List<Refusal>>(RefusedPeople) ?? [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear(); // a value the list cannot use is dropped, never an error page
        await ListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var chosen = ConfirmOne is { Length: > 0 } one ? [one] : UserIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0 || chosen.Count > MaxSelected)
        {
            ModelState.AddModelError(nameof(UserIds), chosen.Count == 0 ? Text["ConsoleReviews.ChooseSomeone"] : Text["ConsoleReviews.TooMany", MaxSelected]);
            await ListAsync(cancellationToken);
            return Page();
        }

        if (ConfirmOne is null && Act == RemoveSelected)
        {
            // Removing takes every profile: the page asks first, naming whom.
            var removing = new List<(string, string)>();
            foreach (var id in chosen)
            {
                removing.Add((id, await NameAsync(id, cancellationToken)));
            }

            Removing = removing;
            UserIds = chosen;
            await ListAsync(cancellationToken);
            return Page();
        }

        var remove = ConfirmOne is null && Act == RemoveConfirmed;
        if (!remove && ConfirmOne is null && Act != ConfirmSelected)
        {
            return LocalRedirect(ListUrl(Math.Max(PageNumber, 1)));
        }

        var outcome = remove
            ? await reviews.RemoveAsync(Caller, chosen, cancellationToken)
            : await reviews.ConfirmAsync(Caller, chosen, cancellationToken);
        if (outcome.Done.Count > 0)
        {
            var many = outcome.Done.Count == 1 ? "One" : "Many";
            DoneMessage = Text[(remove ? "ConsoleReviews.Removed." : "ConsoleReviews.Confirmed.") + many, outcome.Done.Count];
        }

        var refusals = new List<Refusal>();
        foreach (var (id, reason) in outcome.Refused)
        {
            refusals.Add(new Refusal(await NameAsync(id, cancellationToken), reason));
        }

        RefusedPeople = refusals.Count == 0 ? null : JsonSerializer.Serialize(refusals);
        return LocalRedirect(ListUrl(Math.Max(PageNumber, 1)));
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var organizationId = Caller.Role.IsPlatformStaff() ? OrganizationId : null;
        Results = await reviews.ListAsync(Caller, new ReviewQuery(organizationId, Status, Math.Max(PageNumber, 1)), cancellationToken);
        if (Caller.Role.IsPlatformStaff())
        {
            var listed = (await organizations.ListAsync(Caller, new OrganizationQuery(PageSize: OrganizationQuery.MaxPageSize), cancellationToken)).Items.ToList();
            if (organizationId is not null && listed.All(o => o.Id != organizationId) && await organizations.FindAsync(Caller, organizationId, cancellationToken) is { } chosen)
            {
                listed.Insert(0, chosen);
            }

            Organizations = listed;
        }
    }

    /// <summary>The person's name when the caller may see them; otherwise the id they sent.</summary>
    private async Task<string> NameAsync(string id, CancellationToken cancellationToken) =>
        await people.FindAsync(Caller, id, cancellationToken) is { } person
            ? string.Join(' ', new[] { person.GivenName, person.FamilyName }.Where(part => !string.IsNullOrWhiteSpace(part))) is { Length: > 0 } name ? name : person.UserName ?? id
            : id;

    /// <summary>A person the last action was not done for, and why.</summary>
    public sealed record Refusal(string Name, string Reason);
}
