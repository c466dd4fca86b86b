using IdentityHub.Samples.MemberApp.Connections;
using IdentityHub.Samples.MemberApp.Smart;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Samples.MemberApp.Pages;

/// <summary>
/// The end of the launch, at the redirect URI: check <c>state</c> against this browser's launch, exchange the code
/// (with the PKCE verifier) for tokens, check the ID token's issuer and audience, and keep the connection.
/// </summary>
public sealed class CallbackModel(
    PendingLaunches launches, TokenClient tokenClient, ConnectionStore connections, MemberAppSettings settings, TimeProvider time) : PageModel
{
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, string? state, string? error)
    {
        var expectedState = Request.Cookies[ConnectModel.LaunchCookie];
        Response.Cookies.Delete(ConnectModel.LaunchCookie);

        // 4. The state must be the one this browser sent, and the launch still remembered (once only).
        var launch = !string.IsNullOrEmpty(state) && string.Equals(state, expectedState, StringComparison.Ordinal)
            ? launches.Take(state)
            : null;
        if (launch is null)
        {
            Problem = "This answer from IdentityHub does not belong to a connection started in this browser, or it took longer than 10 minutes. Connect again.";
            return Page();
        }

        if (!string.IsNullOrEmpty(error))
        {
            Problem = error == "access_denied"
                ? "You chose not to connect the app. Nothing was shared."
                : $"IdentityHub did not connect the app ({error}). {Request.Query["error_description"]}".TrimEnd();
            return Page();
        }

        if (string.IsNullOrEmpty(code))
        {
            Problem = "IdentityHub sent no authorization code.";
            return Page();
        }

        // 5. The code exchange. The verifier proves this app started the request the code answers.
        var (tokens, problem) = await tokenClient.ExchangeCodeAsync(launch.TokenEndpoint, code, launch.CodeVerifier, HttpContext.RequestAborted);
        if (tokens is null)
        {
            Problem = problem;
            return Page();
        }

        // 6. The ID token came straight from the token endpoint: check who issued it and for whom (not its signature).
        var issuer = launch.Issuer ?? settings.Issuer;
        IdTokenClaims? identity = null;
        if (!string.IsNullOrEmpty(tokens.IdToken))
        {
            (identity, problem) = IdTokenCheck.Read(tokens.IdToken, issuer, settings.ClientId);
            if (identity is null)
            {
                Problem = problem;
                return Page();
            }
        }

        connections.Add(Response, new Connection
        {
            Issuer = issuer,
            TokenEndpoint = launch.TokenEndpoint,
            AccessToken = tokens.AccessToken!,
            RefreshToken = tokens.RefreshToken,
            AccessTokenExpiresAt = tokens.ExpiresIn is { } seconds ? time.GetUtcNow().AddSeconds(seconds) : null,
            Patient = tokens.Patient,
            FhirUser = identity?.FhirUser,
            // No scope in the answer means all that was asked was granted (RFC 6749 §5.1).
            GrantedScopes = (tokens.Scope ?? settings.Scopes).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        });
        return Redirect("/");
    }
}
