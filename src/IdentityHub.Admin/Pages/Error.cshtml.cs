using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Admin.Pages;

/// <summary>An unexpected error: a plain page with the request's id, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Code => HttpContext.TraceIdentifier;

    public void OnGet()
    {
    }

    public void OnPost()
    {
    }
}
