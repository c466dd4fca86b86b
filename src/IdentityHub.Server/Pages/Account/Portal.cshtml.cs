using IdentityHub.Server.Mfa;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Server.Pages.Account;

/// <summary>
/// Sends the browser to a registered portal's home page (its registered <c>client_uri</c>); an unknown client, or
/// one without a home page, leads to the account page. Only registered addresses are followed.
/// </summary>
public sealed class PortalModel(ClientPolicies policies) : PageModel
{
    public const string AccountPage = "/account/security";

    public async Task<IActionResult> OnGetAsync(string? client) =>
        (await policies.ForAsync(client, HttpContext.RequestAborted)).Settings.ClientUri is { IsAbsoluteUri: true } home
            ? Redirect(home.AbsoluteUri)
            : LocalRedirect(AccountPage);
}
