using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Samples.Portal.Pages;

public sealed class RefreshModel(TokenRefresher refresher) : PageModel
{
    public RefreshOutcome Outcome { get; private set; } = new(false, "");

    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task OnPostAsync() => Outcome = await refresher.RefreshAsync(HttpContext);
}
