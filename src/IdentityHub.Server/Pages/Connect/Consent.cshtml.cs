using IdentityHub.Core.Smart;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Connect;
using IdentityHub.Server.Members;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using IdentityHub.Server.Texts;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Pages.Connect;

/// <summary>One thing the app asks for, as the consent page lists it.</summary>
public sealed record ConsentScope(string Scope, string Description, bool Required);

/// <summary>
/// Consent for third-party clients, per scope (P12, P13): the app and its publisher are named, each requested scope is
/// a checkbox in plain words, and the person may untick any but <c>openid</c> and <c>launch/patient</c> (without them
/// there is no launch). The scopes left ticked are granted (ConsentRecords); the authorization request is re-validated
/// by OpenIddict when the browser returns to it. A launch for an account with no health record shows that instead,
/// and the app gets access_denied.
/// </summary>
public sealed class ConsentModel(
    IOpenIddictApplicationManager applications,
    ConsentRecords consents,
    ClientPolicies policies,
    MemberLinks members,
    AuditLog audit,
    PushedRequests pushed,
    IStringLocalizer<SignInText> text,
    IStringLocalizer<SmartText> smartText) : PageModel
{
    /// <summary>The scopes that cannot be unticked: without them the app cannot sign the person in or launch.</summary>
    public static readonly IReadOnlySet<string> RequiredScopes = new HashSet<string>(StringComparer.Ordinal) { Scopes.OpenId, SmartScopes.LaunchPatient };

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The scopes left ticked (the required ones are granted whatever the form says).</summary>
    [BindProperty]
    public List<string> Granted { get; set; } = [];

    public string ApplicationName { get; private set; } = "";

    public string? Publisher { get; private set; }

    public IReadOnlyList<ConsentScope> Requested { get; private set; } = [];

    /// <summary>The app asks for a patient in context, but the account is not linked to a member's health record.</summary>
    public bool NotLinked { get; private set; }

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
        var asked = Requested.Select(scope => scope.Scope).ToList();
        if (decision != "allow" || NotLinked)
        {
            await audit.RecordAsync("consent.declined", "declined", session.UserId, clientId,
                NotLinked ? $"scopes {string.Join(' ', asked)}; the account is not linked to a health record" : $"scopes {string.Join(' ', asked)}");
            return LocalRedirect(ReturnUrl + (ReturnUrl!.Contains('?', StringComparison.Ordinal) ? "&" : "?") + AuthorizationEndpoint.ConsentDeniedParameter + "=denied");
        }

        var granted = asked.Where(scope => RequiredScopes.Contains(scope) || Granted.Contains(scope, StringComparer.Ordinal)).ToList();
        var declined = asked.Except(granted, StringComparer.Ordinal).ToList();
        var application = await applications.FindByClientIdAsync(clientId)
            ?? throw new InvalidOperationException("The client application cannot be found.");
        // Saved when the permanent authorization is (the token stores save what the request added before they write).
        audit.Add("consent.granted", "succeeded", session.UserId, clientId,
            $"granted {string.Join(' ', granted)}; declined {(declined.Count == 0 ? "nothing" : string.Join(' ', declined))}; remembered until revoked");
        await consents.SaveAsync(session.UserId, (await applications.GetIdAsync(application))!, asked, granted, HttpContext.RequestAborted);
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

        if (await SignedInSession.ReadAsync(HttpContext) is not { } session)
        {
            return LocalRedirect(ReturnUrl!);
        }

        var application = await applications.FindByClientIdAsync(ReturnParameter("client_id"));
        if (application is null)
        {
            return BadRequest(text["Consent.NotFromSignIn"].Value);
        }

        ApplicationName = await applications.GetLocalizedDisplayNameAsync(application) ?? ReturnParameter("client_id");
        Publisher = (await policies.ForAsync(ReturnParameter("client_id"), HttpContext.RequestAborted)).Settings.Publisher;
        var scopes = ReturnParameter("scope").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        Requested = [.. scopes.Select(scope => new ConsentScope(scope, ScopeWords.Describe(scope, text, smartText), RequiredScopes.Contains(scope)))];
        NotLinked = scopes.Contains(SmartScopes.LaunchPatient)
            && (await members.ForUserAsync(session.UserId, HttpContext.RequestAborted))?.PatientId is null;
        return null;
    }
}
