using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Organizations;
using IdentityHub.Core.Organizations;
using IdentityHub.Data.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Organizations;

/// <summary>The plan's staff find organizations: a search, a status, an order, pages. An organization's administrators go to their own.</summary>
public sealed class IndexModel(OrganizationDirectory organizations) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganizationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganizationOrder Order { get; set; }

    [FromQuery(Name = "page")] // the query, not the route value "page" (the page's own name)
    public int PageNumber { get; set; } = 1;

    public Page<OrganizationView> Results { get; private set; } = new([], 0, 1, 25);

    public int PageCount => Math.Max(1, (Results.Total + Results.PageSize - 1) / Results.PageSize);

    public Pager Pager => new(Results.PageNumber, PageCount, number => Pager.Link("/Organizations", number, ("search", Search), ("status", Status), ("order", Order)));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Caller.Role.IsPlatformStaff())
        {
            return Caller.OrganizationId is { } own ? RedirectToPage("Edit", new { id = own }) : NotFound();
        }

        // Values the list cannot use (a page that is not a number, an unknown status) are dropped, never an error page.
        ModelState.Clear();
        Results = await organizations.ListAsync(Caller, new OrganizationQuery(Search, Status, Order, Math.Max(PageNumber, 1)), cancellationToken);
        return Page();
    }
}
