using IdentityHub.Admin.Console;
using IdentityHub.Administration.Clients;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Clients;

/// <summary>One client's registration, read-only, for the plan's staff; platform administrators get Edit, Issue a new secret and Delete.</summary>
public sealed class DetailsModel(ClientRegistry registry) : ConsolePage
{
    public ClientView Client { get; private set; } = null!;

    public bool MayChange => Caller.IsPlatformAdministrator;

    public bool UsesSecret => ClientAuthMethods.UsesSecret(Client.Metadata.TokenEndpointAuthMethod ?? "");

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(Caller, id, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        Client = client;
        return Page();
    }
}
