using IdentityHub.Admin.Console;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages;

/// <summary>Ends the console session, then the token server's (its end-session endpoint), and comes back to the signed-out page.</summary>
[WithoutAdministrativeRights]
public sealed class SignOutModel : ConsolePage
{
    public void OnGet()
    {
    }

    public IActionResult OnPost() =>
        SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" }, ConsoleSignIn.CookieScheme, ConsoleSignIn.OpenIdConnectScheme);
}
