using IdentityHub.Server.Configuration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account;

/// <summary>
/// Sends the browser to a registered portal's home page (<c>Clients:n:ClientUri</c>); an unknown client, or
/// one without a home page, leads to the account page. Only registered addresses are followed.
/// </summary>
public sealed class PortalModel(IOptionsMonitor<IdentityHubOptions> options) : PageModel
{
    public const string AccountPage = "/account/security";

    public IActionResult OnGet(string? client) =>
        options.CurrentValue.Clients.FirstOrDefault(c => c.ClientId == client)?.ClientUri is { IsAbsoluteUri: true } home
            ? Redirect(home.AbsoluteUri)
            : LocalRedirect(AccountPage);
}
