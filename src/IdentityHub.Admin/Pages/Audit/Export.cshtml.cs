using IdentityHub.Admin.Api;
using IdentityHub.Administration;
using IdentityHub.Administration.Audit;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Audit;

/// <summary>
/// The console's audit download: the same filters as the page, the same streamed writer as the API's export,
/// with the console's sign-in. A filter that cannot be used sends the person back to the page, which says why.
/// </summary>
public sealed class ExportModel(AuditSearch search, TimeProvider time) : AuditFilterFields
{
    [BindProperty(SupportsGet = true)]
    public string? Format { get; set; }

    public IActionResult OnGet()
    {
        ModelState.Clear();
        if (!AuditExport.TryParse(Format, out var format) || Input.Read() is not AdminResult<AuditFilter>.Done filter)
        {
            return Redirect("/Audit" + FilterQuery());
        }

        return search.Stream(Caller, filter.Value) switch
        {
            AdminResult<IAsyncEnumerable<AuditEventView>>.Done done => new AuditDownload(format, done.Value, time.GetUtcNow()),
            _ => Forbid(),
        };
    }
}
