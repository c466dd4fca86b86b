using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Samples.Portal.Pages;

public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>
    /// Ends the portal's session, then sends the browser to IdentityHub's end-session endpoint (with
    /// id_token_hint), which comes back through /signout-callback-oidc to the home page.
    /// </summary>
    public IActionResult OnPost() => SignOut(
        new AuthenticationProperties { RedirectUri = "/" },
        CookieAuthenticationDefaults.AuthenticationScheme,
        OpenIdConnectDefaults.AuthenticationScheme);
}
