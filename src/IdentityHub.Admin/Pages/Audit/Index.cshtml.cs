using System.Globalization;
using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Audit;

namespace IdentityHub.Admin.Pages.Audit;

/// <summary>
/// The audit trail (D9): the filters as a form, the events newest first a page at a time, and downloads of
/// every matching event as CSV or JSON (<see cref="ExportModel"/>). An organization's administrators see their
/// organization's events only; the plan's staff all.
/// </summary>
public sealed class IndexModel(AuditSearch search) : AuditFilterFields
{
    private const int PageSize = 25;

    /// <summary>From the query string only: Razor Pages' own route value "page" (the page's path) would win over it otherwise.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Page<AuditEventView> Results { get; private set; } = new([], 0, 1, PageSize);

    /// <summary>User names of the accounts and administrators on this page, by id (an id without one is shown as it is).</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public int PageCount => Math.Max(1, (Results.Total + Results.PageSize - 1) / Results.PageSize);

    public Pager Pager => new(Results.PageNumber, PageCount, number => "/Audit" + FilterQuery(("page", number.ToString(CultureInfo.InvariantCulture))));

    public string DownloadLink(string format) => "/Audit/Export" + FilterQuery(("format", format));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear(); // a filter the search cannot use gets its own message, never an error page
        switch (Input.Read())
        {
            case AdminResult<AuditFilter>.Done filter:
                if (await search.ListAsync(Caller, filter.Value, Math.Max(PageNumber, 1), PageSize, cancellationToken) is AdminResult<Page<AuditEventView>>.Done done)
                {
                    Results = done.Value;
                    Names = await search.UserNamesAsync(Results.Items.SelectMany(item => new[] { item.ActorId, item.UserId }), cancellationToken);
                }

                break;
            case AdminResult<AuditFilter>.Invalid invalid:
                ShowProblems(invalid.Problems, prefix: "");
                break;
        }
    }

    /// <summary>The user name behind an id on this page, or the id itself.</summary>
    public string NameOf(string id) => Names.TryGetValue(id, out var name) ? name : id;
}
