using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Samples.Portal.Pages;

public sealed class CallApiModel(PortalApi api) : PageModel
{
    public string Result { get; private set; } = "";

    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task OnPostAsync()
    {
        var accessToken = await HttpContext.GetTokenAsync("access_token");
        Result = string.IsNullOrEmpty(accessToken)
            ? "No access token was saved at sign-in."
            : await api.WhoAmIAsync(accessToken, HttpContext.RequestAborted);
    }
}
