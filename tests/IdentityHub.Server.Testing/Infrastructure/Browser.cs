using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>
/// Walks the flows a browser and a portal walk: its own cookie jar, redirects followed by hand so
/// that each step can be checked.
/// </summary>
public sealed class Browser
{
    private readonly HttpClient _http;
    private readonly IdentityHubApp _app;

    /// <summary>A browser; <paramref name="language"/> is its Accept-Language (e.g. "es-US,es;q=0.9"), none by default (English pages).</summary>
    public Browser(IdentityHubApp app, string? language = null)
    {
        _app = app;
        _http = app.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(Cookies));
        if (language is not null)
        {
            _http.DefaultRequestHeaders.Add("Accept-Language", language);
        }
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    /// <summary>Another browser holding a copy of every cookie of this one (as a thief would), on this server or another node.</summary>
    public Browser CopyTo(IdentityHubApp node)
    {
        var server = new Uri("https://localhost");
        var copy = node.NewBrowser();
        copy.Cookies.Add(server, Cookies.GetCookies(server));
        return copy;
    }

    public Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> form) =>
        _http.PostAsync(url, new FormUrlEncodedContent(form));

    /// <summary>GETs the page, then posts its form with the given fields and the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IDictionary<string, string> fields)
    {
        var page = await _http.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, $"GET {pageUrl} answered {(int)page.StatusCode}: {html}");
        var form = new Dictionary<string, string>(fields);
        foreach (var (name, value) in HtmlPage.HiddenFieldsOf(HtmlPage.Parse(html).FormPostingTo(pageUrl)).Where(field => !form.ContainsKey(field.Key)))
        {
            form[name] = value;
        }

        Assert.True(form.ContainsKey(HtmlPage.AntiforgeryField), $"The form on {pageUrl} carries no antiforgery token.");
        return await PostFormAsync(pageUrl, form);
    }

    /// <summary>
    /// GETs the page, then posts its form as a browser does with the ticked checkboxes: the hidden fields, every box
    /// ticked on the page (one pair each, so several of one name are all sent) except those named in
    /// <paramref name="untick"/> by value, and <paramref name="fields"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitTickedAsync(string pageUrl, IDictionary<string, string> fields, params string[] untick)
    {
        var page = await _http.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, $"GET {pageUrl} answered {(int)page.StatusCode}: {html}");
        var document = HtmlPage.Parse(html).FormPostingTo(pageUrl);
        var form = new List<KeyValuePair<string, string>>(fields);
        form.AddRange(HtmlPage.HiddenFieldsOf(document).Where(field => !fields.ContainsKey(field.Key)));
        form.AddRange(document.QuerySelectorAll("input").OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
            .Where(box => box.Type == "checkbox" && box.IsChecked && !box.IsDisabled && !string.IsNullOrEmpty(box.Name) && !untick.Contains(box.Value))
            .Select(box => new KeyValuePair<string, string>(box.Name!, box.Value)));
        return await PostFormAsync(pageUrl, form);
    }

    /// <summary>
    /// Signs in as a person does: the password, then the code sent to the user's email (the test
    /// users' enrolled method). Returns the last response: the redirect back to the return URL.
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password = TestUsers.Password, string? returnUrl = null, bool rememberDevice = false)
    {
        var response = await SubmitPasswordAsync(userName, password, returnUrl);
        if (!IsRedirectTo(response, "/account/mfa/challenge"))
        {
            return response;
        }

        var challenge = await _http.GetAsync(response.Headers.Location);
        var html = await challenge.Content.ReadAsStringAsync();
        Assert.True(challenge.IsSuccessStatusCode, html);
        var code = _app.Messages.CodeSentTo(userName + "@clinic.example");
        var fields = new Dictionary<string, string> { ["Code"] = code };
        if (rememberDevice)
        {
            fields["RememberDevice"] = "true";
        }

        return await PostPageFormAsync(html, "/account/mfa/challenge?handler=Verify", fields);
    }

    /// <summary>Only the first step: the sign-in page with username and password.</summary>
    public Task<HttpResponseMessage> SubmitPasswordAsync(string userName, string password = TestUsers.Password, string? returnUrl = null)
    {
        var url = "/account/login" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        return SubmitAsync(url, new Dictionary<string, string> { ["Input.Username"] = userName, ["Input.Password"] = password });
    }

    /// <summary>Posts to a form of an already loaded page, with that page's antiforgery token.</summary>
    public Task<HttpResponseMessage> PostPageFormAsync(string html, string action, IDictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields) { [HtmlPage.AntiforgeryField] = AntiforgeryToken(html) };
        return PostFormAsync(action, form);
    }

    /// <summary>Starts an authorization request and returns the first response (no redirects followed).</summary>
    public Task<HttpResponseMessage> AuthorizeAsync(AuthorizationRequest request) => _http.GetAsync(request.Url());

    /// <summary>
    /// The whole code flow as a signed-out browser walks it: authorize, sign in, back to authorize,
    /// then the redirect to the portal with a code.
    /// </summary>
    public async Task<AuthorizationResult> CodeFlowAsync(string userName, AuthorizationRequest request, string password = TestUsers.Password)
    {
        var response = await AuthorizeAsync(request);
        if (IsRedirectTo(response, "/account/login"))
        {
            var returnUrl = QueryHelpers.ParseQuery(response.Headers.Location!.Query)["ReturnUrl"].ToString();
            var signedIn = await SignInAsync(userName, password, returnUrl);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            response = await _http.GetAsync(signedIn.Headers.Location);
        }

        return AuthorizationResult.From(response, request);
    }

    /// <summary>Follows redirects that stay on IdentityHub; stops at the first one that leaves it.</summary>
    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response)
    {
        for (var hops = 0; hops < 10 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            var location = response.Headers.Location!;
            if (location.IsAbsoluteUri && location.Host != "localhost")
            {
                return response;
            }

            response = await _http.GetAsync(location);
        }

        return response;
    }

    public static bool IsRedirectTo(HttpResponseMessage response, string path) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location &&
        (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]).Equals(path, StringComparison.OrdinalIgnoreCase);

    public static string AntiforgeryToken(string html) => HtmlPage.Parse(html).AntiforgeryToken;
}

/// <summary>An authorization request as a portal builds it, PKCE included.</summary>
public sealed record AuthorizationRequest
{
    public string ClientId { get; init; } = TestClients.Portal;
    public string RedirectUri { get; init; } = TestClients.RedirectUri;
    public string ResponseType { get; init; } = "code";
    public string Scope { get; init; } = "openid profile email phone offline_access " + TestClients.ApiScope;
    public string State { get; init; } = RandomNumberGenerator.GetHexString(16);
    public string Nonce { get; init; } = RandomNumberGenerator.GetHexString(16);
    public string CodeVerifier { get; init; } = RandomNumberGenerator.GetHexString(64);
    public string? CodeChallengeMethod { get; init; } = "S256";
    public string? CodeChallengeOverride { get; init; }
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    public string CodeChallenge => CodeChallengeOverride ?? (CodeChallengeMethod == "plain"
        ? CodeVerifier
        : Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(CodeVerifier))));

    public string Url()
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = ResponseType,
            ["scope"] = Scope,
            ["state"] = State,
            ["nonce"] = Nonce,
        };
        if (CodeChallengeMethod is not null)
        {
            query["code_challenge"] = CodeChallenge;
            query["code_challenge_method"] = CodeChallengeMethod;
        }

        foreach (var (name, value) in Extra)
        {
            query[name] = value;
        }

        return QueryHelpers.AddQueryString("/connect/authorize", query);
    }
}

/// <summary>Where the authorization response sent the browser.</summary>
public sealed record AuthorizationResult(HttpResponseMessage Response, Uri? Location, IDictionary<string, string> Parameters, AuthorizationRequest Request)
{
    public string Code => Parameters.TryGetValue("code", out var code) ? code
        : throw new Xunit.Sdk.XunitException($"No code in the response: {Describe()}");

    public string? Error => Parameters.TryGetValue("error", out var error) ? error : null;

    public static AuthorizationResult From(HttpResponseMessage response, AuthorizationRequest request)
    {
        var location = response.Headers.Location;
        var parameters = location is { IsAbsoluteUri: true }
            ? QueryHelpers.ParseQuery(location.Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString())
            : new Dictionary<string, string>();
        return new AuthorizationResult(response, location, parameters, request);
    }

    public string Describe() => $"{(int)Response.StatusCode} {Location}";
}

public static class JsonResponses
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
