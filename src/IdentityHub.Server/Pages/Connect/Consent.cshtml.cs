using System.Security.Claims;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Connect;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using IdentityHub.Server.Texts;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Pages.Connect;

/// <summary>
/// Consent for third-party clients. The authorization request it came from is re-validated by
/// OpenIddict when the browser returns to it; this page only records the user's answer.
/// </summary>
public sealed class ConsentModel(
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    AuditLog audit,
    PushedRequests pushed,
    IStringLocalizer<SignInText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string ApplicationName { get; private set; } = "";

    public IReadOnlyList<string> ScopeDescriptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } problem)
        {
            return problem;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? decision)
    {
        if (await LoadAsync() is { } problem)
        {
            return problem;
        }

        var session = (await SignedInSession.ReadAsync(HttpContext))!;
        var clientId = ReturnParameter("client_id");
        var scopes = ReturnParameter("scope").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (decision != "allow")
        {
            await audit.RecordAsync("consent.declined", "declined", session.UserId, clientId, $"scopes {string.Join(' ', scopes)}");
            return LocalRedirect(ReturnUrl + (ReturnUrl!.Contains('?', StringComparison.Ordinal) ? "&" : "?") + AuthorizationEndpoint.ConsentDeniedParameter + "=denied");
        }

        var application = await applications.FindByClientIdAsync(clientId)
            ?? throw new InvalidOperationException("The client application cannot be found.");
        var principal = new ClaimsPrincipal(new ClaimsIdentity("consent"));
        // Saved with the permanent authorization, in its round trip (the store saves this request's context).
        audit.Add("consent.granted", "succeeded", session.UserId, clientId, $"scopes {string.Join(' ', scopes)}; remembered until revoked");
        await authorizations.CreateAsync(
            principal: principal,
            subject: session.UserId,
            client: (await applications.GetIdAsync(application))!,
            type: AuthorizationTypes.Permanent,
            scopes: [.. scopes]);
        return LocalRedirect(ReturnUrl!);
    }

    // From OpenIddict's restored request when it was pushed (PAR): the URL then holds only client_id and request_uri.
    private string ReturnParameter(string name) => pushed.Of(ReturnUrl, name) ?? "";

    private async Task<IActionResult?> LoadAsync()
    {
        if (ReturnUrls.AuthorizationParameter(ReturnUrl, "client_id") is null)
        {
            return BadRequest(text["Consent.NotFromSignIn"].Value);
        }

        if (await SignedInSession.ReadAsync(HttpContext) is null)
        {
            return LocalRedirect(ReturnUrl!);
        }

        var application = await applications.FindByClientIdAsync(ReturnParameter("client_id"));
        if (application is null)
        {
            return BadRequest(text["Consent.NotFromSignIn"].Value);
        }

        ApplicationName = await applications.GetLocalizedDisplayNameAsync(application) ?? ReturnParameter("client_id");
        ScopeDescriptions = [.. ReturnParameter("scope").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Describe)];
        return null;
    }

    private string Describe(string scope) => ScopeWords.Describe(scope, text);
}
