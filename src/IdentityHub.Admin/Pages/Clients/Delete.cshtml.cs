using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Clients;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Clients;

/// <summary>
/// Asks before a platform administrator deletes a client (a sensitive action): its tokens stop working at their next
/// use and its sign-ins stop at once. The form carries the version it showed.
/// </summary>
public sealed class DeleteModel(ClientRegistry registry, SensitiveActions sensitive) : ClientPage
{
    [BindProperty]
    public string? Version { get; set; }

    public ClientView Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(registry, id, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        Current = client;
        Version = client.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(registry, id, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        if (RefuseChange(sensitive) is { } refusal)
        {
            return refusal;
        }

        ModelState.Clear();
        Current = client;
        var result = await registry.DeleteAsync(Caller, id, Version ?? "", cancellationToken);
        if (result is AdminResult<ClientView>.Done done)
        {
            Remember(done, Text["ConsoleClient.Deleted", done.Value.Metadata.ClientName ?? done.Value.ClientId, done.Value.ClientId]);
            return RedirectToPage("Index");
        }

        if (result is AdminResult<ClientView>.Stale)
        {
            Version = client.Version;
            ModelState.Remove(nameof(Version));
        }

        return ShowRefusal(result, prefix: "") ?? Page();
    }
}
