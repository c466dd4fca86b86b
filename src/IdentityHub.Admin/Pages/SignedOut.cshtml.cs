using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Admin.Pages;

public sealed class SignedOutModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Failed { get; set; }

    public void OnGet()
    {
    }
}
