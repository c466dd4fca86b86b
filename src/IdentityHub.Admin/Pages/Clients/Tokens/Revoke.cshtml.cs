using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Clients;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Clients.Tokens;

/// <summary>Asks before a platform administrator revokes an initial access token; the clients already registered with it stay.</summary>
public sealed class RevokeModel(InitialAccessTokens tokens) : ConsolePage
{
    public InitialAccessTokenView Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!Caller.IsPlatformAdministrator || (await tokens.ListAsync(Caller, cancellationToken)).FirstOrDefault(token => token.Id == id) is not { } token)
        {
            return NotFound();
        }

        Current = token;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!Caller.IsPlatformAdministrator)
        {
            return NotFound();
        }

        var result = await tokens.RevokeAsync(Caller, id, cancellationToken);
        if (result is AdminResult<InitialAccessTokenView>.Done done)
        {
            Remember(done, Text["ConsoleTokens.Revoked", done.Value.Description]);
            return RedirectToPage("Index");
        }

        return ShowRefusal(result, prefix: "") ?? RedirectToPage("Index");
    }
}
