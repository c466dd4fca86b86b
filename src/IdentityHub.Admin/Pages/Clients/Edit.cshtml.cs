using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Clients;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Clients;

/// <summary>
/// A platform administrator changes a client's registration (a sensitive action) with the form it was registered
/// with, saved with the version the form showed: a save after someone else's says so and shows the current values.
/// A client that starts using a secret gets one, shown once in the answer.
/// </summary>
public sealed class EditModel(ClientRegistry registry, SensitiveActions sensitive) : ClientPage
{
    [BindProperty]
    public ClientForm Input { get; set; } = new();

    [BindProperty]
    public string? Version { get; set; }

    public ClientView Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(registry, id, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        ShowCurrent(client);
        await LoadApiScopesAsync(registry, cancellationToken);
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
        await LoadApiScopesAsync(registry, cancellationToken);
        var formProblems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var metadata = Input.ToMetadata(client.Metadata, Text, formProblems);
        if (formProblems.Count > 0)
        {
            await ShowFormProblemsAsync(registry, metadata, formProblems, cancellationToken);
            return Page();
        }

        var result = await registry.UpdateAsync(Caller, id, Version ?? "", metadata, cancellationToken);
        switch (result)
        {
            case AdminResult<ClientView>.Done done:
                var message = Text["ConsoleClient.Saved", done.Value.Metadata.ClientName ?? done.Value.ClientId];
                if (done.Value.ClientSecret is { } secret)
                {
                    Current = done.Value;
                    Show(new ShownSecret(message, done.Reference, Text["ConsoleClient.Secret"], secret, done.Value.ClientId));
                    return Page();
                }

                Remember(done, message);
                return Redirect(ClientPaths.Of(done.Value.ClientId));
            case AdminResult<ClientView>.Invalid invalid:
                ShowRuleProblems(invalid.Problems);
                return Page();
            case AdminResult<ClientView>.Stale:
                StaleMessage = Text["ConsolePage.Stale"];
                ShowCurrent(await registry.FindAsync(Caller, id, cancellationToken) ?? client);
                return Page();
            default:
                return ShowRefusal(result) ?? Page();
        }
    }

    private void ShowCurrent(ClientView client)
    {
        Current = client;
        Input = ClientForm.From(client);
        Version = client.Version;
        ModelState.Remove(nameof(Version));
    }
}
