using System.Net;
using System.Text.RegularExpressions;
using IdentityHub.Benchmarks.Seeding;

namespace IdentityHub.Benchmarks.Load;

/// <summary>
/// A person signing in at IdentityHub as a browser does it: the portal's authorization request, the
/// sign-in page and its form (antiforgery token included), the challenge page that emails a code,
/// the code read from the outbox, then back to the authorization endpoint.
/// </summary>
public sealed partial class IdentityHubSignIn(OutboxCodes outbox)
{
    public const string LoginPath = "/account/login";
    public const string ChallengePath = "/account/mfa/challenge";

    /// <summary>Signs in from the sign-in page (no portal), leaving the session cookie in the jar.</summary>
    public Task SignInAsync(HttpSession session, BenchUser user, CancellationToken cancellationToken) =>
        PasswordAndCodeAsync(session, user, LoginPath, cancellationToken);

    /// <summary>The whole journey of scenario 4: authorize, password, emailed code, back to the portal, token.</summary>
    public async Task<TokenSet> FullSignInAsync(HttpSession session, BenchUser user, CancellationToken cancellationToken)
    {
        var request = new AuthorizationRequest(session.Target.Clients.SsoScope);
        using (var first = await session.GetAsync(request.Url(session.Target), cancellationToken))
        {
            var login = session.PathOnServer(HttpSession.RedirectTarget(first));
            if (login is null || !login.StartsWith(LoginPath, StringComparison.OrdinalIgnoreCase))
            {
                throw new OperationFailedException($"authorize without a session: {(int)first.StatusCode} {login}");
            }

            var back = await PasswordAndCodeAsync(session, user, login, cancellationToken);
            if (!back.StartsWith(session.Target.Paths.Authorize, StringComparison.Ordinal))
            {
                throw new OperationFailedException($"after the code: sent to {back} instead of back to authorize");
            }
        }

        var code = await OAuthFlows.AuthorizeAsync(session, request, cancellationToken);
        return await OAuthFlows.RedeemAsync(session, code, request, cancellationToken);
    }

    /// <summary>Password, then the emailed code; returns where the last redirect goes.</summary>
    private async Task<string> PasswordAndCodeAsync(HttpSession session, BenchUser user, string loginUrl, CancellationToken cancellationToken)
    {
        var loginPage = await PageAsync(session, loginUrl, cancellationToken);
        var fields = HiddenFields(FormWith(loginPage, "Input.Username"));
        fields["Input.Username"] = user.UserName;
        fields["Input.Password"] = BenchUsers.Password;
        string afterPassword;
        using (var posted = await session.PostFormAsync(loginUrl, fields, cancellationToken))
        {
            afterPassword = session.PathOnServer(HttpSession.RedirectTarget(posted))
                ?? throw new OperationFailedException($"password: {(int)posted.StatusCode} instead of a redirect (wrong password? locked?)");
        }

        if (!afterPassword.StartsWith(ChallengePath, StringComparison.OrdinalIgnoreCase))
        {
            throw new OperationFailedException($"password: sent to {afterPassword} instead of the challenge");
        }

        var challenge = await PageAsync(session, ChallengePath, cancellationToken);
        var reference = ReferencePattern().Match(challenge) is { Success: true } match ? match.Groups[1].Value
            : throw new OperationFailedException("challenge: no code was sent (no reference number on the page)");
        var code = await outbox.CodeForAsync(reference, cancellationToken);
        var verify = new Dictionary<string, string> { ["Code"] = code, ["__RequestVerificationToken"] = HiddenFields(FormWith(challenge, "name=\"Code\""))["__RequestVerificationToken"] };
        using var verified = await session.PostFormAsync(ChallengePath + "?handler=Verify", verify, cancellationToken);
        return session.PathOnServer(HttpSession.RedirectTarget(verified))
            ?? throw new OperationFailedException($"code: {(int)verified.StatusCode} instead of a redirect");
    }

    private static async Task<string> PageAsync(HttpSession session, string url, CancellationToken cancellationToken)
    {
        using var response = await session.GetAsync(url, cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new OperationFailedException($"GET {url.Split('?')[0]}: {(int)response.StatusCode}");
        }

        return html;
    }

    /// <summary>
    /// The form that holds <paramref name="marker"/>: every page also carries the language switch, a
    /// form of its own whose hidden return address must not travel with the sign-in.
    /// </summary>
    private static string FormWith(string html, string marker)
    {
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        var start = at < 0 ? -1 : html.LastIndexOf("<form", at, StringComparison.Ordinal);
        var end = at < 0 ? -1 : html.IndexOf("</form>", at, StringComparison.Ordinal);
        return start >= 0 && end > start ? html[start..end] : throw new OperationFailedException($"page without a form holding {marker}");
    }

    private static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in HiddenPattern().Matches(html))
        {
            fields.TryAdd(WebUtility.HtmlDecode(match.Groups[1].Value), WebUtility.HtmlDecode(match.Groups[2].Value));
        }

        return fields.ContainsKey("__RequestVerificationToken") ? fields : throw new OperationFailedException("page without an antiforgery token");
    }

    [GeneratedRegex("<input (?=[^>]*type=\"hidden\")[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex HiddenPattern();

    [GeneratedRegex("id=\"reference\">([0-9A-Z]{4}-[0-9A-Z]{4})<")]
    private static partial Regex ReferencePattern();
}
