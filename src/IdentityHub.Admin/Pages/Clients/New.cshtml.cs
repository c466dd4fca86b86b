using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Clients;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Clients;

/// <summary>
/// A platform administrator registers a client (a sensitive action). The answer to the post shows the client id and
/// the generated secret once, in the page itself: the server keeps only a hash.
/// </summary>
public sealed class NewModel(ClientRegistry registry, SensitiveActions sensitive) : ClientPage
{
    [BindProperty]
    public ClientForm Input { get; set; } = new();

    /// <summary>The client just registered (its id, and its secret when it has one).</summary>
    public ClientView? Created { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Caller.IsPlatformAdministrator)
        {
            return NotFound();
        }

        Input = ClientForm.New();
        await LoadApiScopesAsync(registry, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (RefuseChange(sensitive) is { } refusal)
        {
            return refusal;
        }

        ModelState.Clear();
        await LoadApiScopesAsync(registry, cancellationToken);
        var formProblems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var metadata = Input.ToMetadata(stored: null, Text, formProblems);
        if (formProblems.Count > 0)
        {
            await ShowFormProblemsAsync(registry, metadata, formProblems, cancellationToken);
            return Page();
        }

        var result = await registry.CreateAsync(Caller, metadata, string.IsNullOrWhiteSpace(Input.ClientId) ? null : Input.ClientId.Trim(), cancellationToken);
        switch (result)
        {
            case AdminResult<ClientView>.Done done:
                Created = done.Value;
                var message = Text["ConsoleClient.Registered", done.Value.Metadata.ClientName ?? done.Value.ClientId];
                if (done.Value.ClientSecret is { } secret)
                {
                    Show(new ShownSecret(message, done.Reference, Text["ConsoleClient.Secret"], secret, done.Value.ClientId));
                }
                else
                {
                    Remember(done, message + " " + Text["ConsoleClient.NoSecret"]);
                    return Redirect(ClientPaths.Of(done.Value.ClientId));
                }

                return Page();
            case AdminResult<ClientView>.Invalid invalid:
                ShowRuleProblems(invalid.Problems);
                return Page();
            default:
                return ShowRefusal(result) ?? Page();
        }
    }
}
