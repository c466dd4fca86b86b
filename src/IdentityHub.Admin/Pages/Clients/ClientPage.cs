using IdentityHub.Admin.Console;
using IdentityHub.Administration.Clients;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Clients;

/// <summary>What the client pages share: the secret shown once, kept out of every cache, and the rules' problems at the form's fields.</summary>
public abstract class ClientPage : ConsolePage
{
    /// <summary>The secret (or token) this answer shows, once.</summary>
    public ShownSecret? Shown { get; private set; }

    /// <summary>The registered API scopes the form offers beside the OpenID Connect ones.</summary>
    public IReadOnlyList<string> ApiScopes { get; private set; } = [];

    /// <summary>The client a platform administrator opens; null (not found) for anyone else, who never sees clients here.</summary>
    protected async Task<ClientView?> FindAsync(ClientRegistry registry, string id, CancellationToken cancellationToken) =>
        Caller.IsPlatformAdministrator ? await registry.FindAsync(Caller, id, cancellationToken) : null;

    /// <summary>
    /// Why a change cannot be made now: not found for anyone but a platform administrator, and a sign-in again when
    /// the administrator's is too old for a sensitive action; null when the change may go ahead.
    /// </summary>
    protected IActionResult? RefuseChange(SensitiveActions sensitive) =>
        !Caller.IsPlatformAdministrator ? NotFound()
        : !sensitive.Allow(User) ? SensitiveActions.SignInAgain(HereUrl)
        : null;

    protected void Show(ShownSecret secret)
    {
        Shown = secret;
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
    }

    protected async Task LoadApiScopesAsync(ClientRegistry registry, CancellationToken cancellationToken) =>
        ApiScopes = [.. (await registry.ApiScopesAsync(cancellationToken)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The form's own problems and, so that every mistake shows at once, what the registration rules say about the
    /// rest of it (nothing is saved).
    /// </summary>
    protected async Task ShowFormProblemsAsync(
        ClientRegistry registry, ClientMetadata metadata, Dictionary<string, string[]> formProblems, CancellationToken cancellationToken)
    {
        var rules = new Administration.FieldProblems();
        ClientMetadataRules.Check(metadata, await registry.ApiScopesAsync(cancellationToken), rules, "client", await registry.SmartScopesAsync(cancellationToken));
        var problems = ClientForm.FormProblems(rules.ToDictionary());
        foreach (var (field, messages) in formProblems)
        {
            problems[field] = messages; // the form's words about its own fields before the rules' (a number left out)
        }

        ShowProblems(problems);
    }

    protected void ShowRuleProblems(IReadOnlyDictionary<string, string[]> problems) => ShowProblems(ClientForm.FormProblems(problems));
}
