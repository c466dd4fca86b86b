using IdentityHub.Samples.MemberApp.Smart;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityHub.Samples.MemberApp.Pages;

/// <summary>
/// Starts the SMART standalone launch, step by step: read IdentityHub's SMART configuration, make a <c>state</c>
/// and a PKCE verifier, remember them, and send the browser to the authorization endpoint.
/// </summary>
public sealed class ConnectModel(SmartDiscovery discovery, PendingLaunches launches, MemberAppSettings settings) : PageModel
{
    /// <summary>The cookie that ties the callback to the browser that started the launch.</summary>
    public const string LaunchCookie = ".MemberApp.Launch";

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // 1. Discovery: where IdentityHub's authorization and token endpoints are.
        var (configuration, problem) = await discovery.ReadAsync(HttpContext.RequestAborted);
        if (configuration is null)
        {
            Problem = problem;
            return Page();
        }

        // 2. state (against forged callbacks) and the PKCE verifier (against stolen codes), kept on this side.
        var state = Pkce.NewRandomValue();
        var verifier = Pkce.NewVerifier();
        launches.Add(state, new PendingLaunch(verifier, configuration.TokenEndpoint!, configuration.Issuer));
        Response.Cookies.Append(LaunchCookie, state, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromMinutes(10),
        });

        // 3. The authorization request. aud names the FHIR server the token is for (SMART App Launch 2 §2.0.6).
        var authorize = QueryHelpers.AddQueryString(configuration.AuthorizationEndpoint!, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = settings.ClientId,
            ["redirect_uri"] = settings.RedirectUri,
            ["scope"] = settings.Scopes,
            ["state"] = state,
            ["aud"] = settings.FhirBase,
            ["code_challenge"] = Pkce.ChallengeOf(verifier),
            ["code_challenge_method"] = "S256",
        });
        return Redirect(authorize);
    }
}
