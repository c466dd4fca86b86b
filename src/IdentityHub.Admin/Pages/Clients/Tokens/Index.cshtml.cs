using IdentityHub.Admin.Console;
using IdentityHub.Administration.Clients;
using IdentityHub.Core.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Clients.Tokens;

/// <summary>
/// The initial access tokens (RFC 7591 §3) integrators register their own clients with: newest first, for the plan's
/// staff; platform administrators issue and revoke them. The tokens themselves are never listed (only a hash is kept).
/// </summary>
public sealed class IndexModel(InitialAccessTokens tokens, TimeProvider time) : ConsolePage
{
    public DateTimeOffset Now => time.GetUtcNow();

    public IReadOnlyList<InitialAccessTokenView> Tokens { get; private set; } = [];

    public bool MayChange => Caller.IsPlatformAdministrator;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Caller.Role.IsPlatformStaff())
        {
            return NotFound();
        }

        Tokens = await tokens.ListAsync(Caller, cancellationToken);
        return Page();
    }
}
