using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.People;
using IdentityHub.Core.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.People;

/// <summary>The people an administrator may see (their organization's; any for the plan's staff): search, role, pages.</summary>
public sealed class IndexModel(PeopleDirectory people) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public AdministrativeRole? Role { get; set; }

    /// <summary>The plan's staff may look at one organization's people; for anyone else it is their own.</summary>
    [BindProperty(SupportsGet = true)]
    public string? OrganizationId { get; set; }

    [FromQuery(Name = "page")] // the query, not the route value "page" (the page's own name)
    public int PageNumber { get; set; } = 1;

    public Page<PersonView> Results { get; private set; } = new([], 0, 1, 25);

    public IEnumerable<AdministrativeRole> Roles => Caller.Role.IsPlatformStaff()
        ? Enum.GetValues<AdministrativeRole>()
        : Enum.GetValues<AdministrativeRole>().Where(role => role.BelongsToAnOrganization());

    public int PageCount => Math.Max(1, (Results.Total + Results.PageSize - 1) / Results.PageSize);

    public Pager Pager => new(Results.PageNumber, PageCount, number => Pager.Link("/People", number, ("search", Search), ("role", Role), ("organizationId", OrganizationId)));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear(); // a value the list cannot use is dropped, never an error page
        Results = await people.ListAsync(Caller, new PeopleQuery(Search, Role, OrganizationId, Math.Max(PageNumber, 1)), cancellationToken);
    }
}
