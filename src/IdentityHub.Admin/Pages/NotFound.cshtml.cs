using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Admin.Pages;

/// <summary>The page for an error status of a console page: "not found" for what does not exist or is another organization's.</summary>
[IgnoreAntiforgeryToken]
public sealed class NotFoundModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Code { get; set; } = 404;

    public void OnGet()
    {
    }

    // Re-executed for a failed POST too: the same page.
    public void OnPost()
    {
    }
}
