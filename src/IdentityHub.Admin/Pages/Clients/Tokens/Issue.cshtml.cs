using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Clients;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Clients.Tokens;

/// <summary>
/// A platform administrator issues an initial access token (a sensitive action): shown once in the answer to the
/// post, for the integrator to send to the token server's registration endpoint.
/// </summary>
public sealed class IssueModel(InitialAccessTokens tokens, ClientRegistry registry, SensitiveActions sensitive) : ClientPage
{
    [BindProperty]
    public TokenForm Input { get; set; } = new();

    public InitialAccessTokenView? Issued { get; private set; }

    /// <summary>The API scopes a token may allow (not the admin API's, decision 0038).</summary>
    public IReadOnlyList<string> RegistrableScopes => [.. ApiScopes.Where(scope => !RegistrationPolicy.IsReserved(scope))];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Caller.IsPlatformAdministrator)
        {
            return NotFound();
        }

        Input = TokenForm.New();
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
        var input = Input.ToInput(Text, formProblems);
        if (formProblems.Count > 0)
        {
            ShowProblems(formProblems);
            return Page();
        }

        var result = await tokens.IssueAsync(Caller, input, cancellationToken);
        switch (result)
        {
            case AdminResult<InitialAccessTokenView>.Done { Value.Token: { } token } done:
                Issued = done.Value;
                Show(new ShownSecret(Text["ConsoleTokens.Issued", done.Value.Description], done.Reference, Text["ConsoleTokens.Token"], token));
                return Page();
            case AdminResult<InitialAccessTokenView>.Invalid invalid:
                ShowProblems(TokenForm.FormProblems(invalid.Problems));
                return Page();
            default:
                return ShowRefusal(result) ?? Page();
        }
    }
}
