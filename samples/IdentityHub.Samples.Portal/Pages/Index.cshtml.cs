using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Samples.Portal.Pages;

public sealed class IndexModel : PageModel
{
    public bool SignedIn { get; private set; }

    public bool SignInFailed { get; private set; }

    public string? Name { get; private set; }

    public string? Subject { get; private set; }

    public string? AccessTokenExpiresAt { get; private set; }

    public async Task OnGetAsync()
    {
        SignedIn = User.Identity?.IsAuthenticated == true;
        SignInFailed = Request.Query["signin"] == "failed";
        if (!SignedIn)
        {
            return;
        }

        Name = User.FindFirst("name")?.Value ?? User.FindFirst("preferred_username")?.Value;
        Subject = User.FindFirst("sub")?.Value;
        if (DateTimeOffset.TryParse(await HttpContext.GetTokenAsync("expires_at"), CultureInfo.InvariantCulture, out var expiresAt))
        {
            AccessTokenExpiresAt = expiresAt.ToUniversalTime().ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        }
    }
}
