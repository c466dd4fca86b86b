using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests.Cluster;

/// <summary>
/// A portal's sign-in through the cluster's nginx, done by the test itself: the browser is sent to the authorize
/// endpoint with PKCE, the person signs in, and the redirect back to the portal is caught before it leaves the
/// browser; the code is redeemed at the token endpoint of whichever address the test chooses (nginx or one node).
/// </summary>
internal static partial class ClusterSignIn
{
    /// <summary>The address the demo user enrolls for codes in the cluster.</summary>
    public const string Email = "dana.cluster@example.org";

    /// <summary>A page in a context of its own that accepts the cluster's self-signed certificate.</summary>
    public static Task<IPage> NewPageAsync(BrowserSession browser) =>
        browser.NewPageAsync(new BrowserNewContextOptions { Locale = "en-US", IgnoreHTTPSErrors = true });

    /// <summary>Notes which node answered each of the page's requests to nginx (X-IdentityHub-Node).</summary>
    public static NodeTrail Watch(IPage page, LocalCluster cluster)
    {
        var trail = new NodeTrail();
        page.Response += (_, response) =>
        {
            if (response.Url.StartsWith(cluster.Issuer.ToString(), StringComparison.Ordinal)
                && response.Headers.TryGetValue("x-identityhub-node", out var node))
            {
                trail.Add(response.Request.Method, response.Url, node);
            }
        };
        return trail;
    }

    /// <summary>Opens the authorize endpoint through nginx for the cluster's portal, answering its redirect back in the browser.</summary>
    public static async Task<Pkce> BeginAsync(IPage page, LocalCluster cluster)
    {
        var pkce = Pkce.New();
        await page.RouteAsync(PortalCallback(), route => route.FulfillAsync(new() { Status = 200, ContentType = "text/plain", Body = "Back at the portal." }));
        var query = string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = cluster.PortalClientId,
            ["response_type"] = "code",
            ["scope"] = "openid profile offline_access",
            ["redirect_uri"] = cluster.PortalRedirectUri.ToString(),
            ["state"] = Guid.NewGuid().ToString("N"),
            ["nonce"] = Guid.NewGuid().ToString("N"),
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = "S256",
        }.Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}"));
        await page.GotoAsync(new Uri(cluster.Issuer, "connect/authorize?" + query).ToString());
        return pkce;
    }

    /// <summary>The sign-in page: the demo user's username and password.</summary>
    public static async Task EnterPasswordAsync(IPage page, LocalCluster cluster)
    {
        await Expect(Heading(page, "Sign in")).ToBeVisibleAsync();
        await page.GetByLabel("Username").FillAsync(cluster.User.UserName);
        await page.GetByLabel("Password").FillAsync(cluster.User.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>The challenge page, once the user has enrolled: the code from the outbox.</summary>
    public static async Task EnterEmailedCodeAsync(IPage page, LocalCluster cluster, ISet<string> seen)
    {
        await Expect(Heading(page, "Enter your security code")).ToBeVisibleAsync();
        await page.GetByLabel("Security code").FillAsync(await cluster.CodeSentToAsync(Email, seen));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
    }

    /// <summary>A whole sign-in of the enrolled demo user, ending with the code back at the portal.</summary>
    public static async Task<(string Code, Pkce Pkce)> SignInAsync(IPage page, LocalCluster cluster)
    {
        var seen = cluster.OutboxSoFar();
        var pkce = await BeginAsync(page, cluster);
        await EnterPasswordAsync(page, cluster);
        await EnterEmailedCodeAsync(page, cluster, seen);
        return (await CodeAtPortalAsync(page), pkce);
    }

    /// <summary>Waits until the browser is back at the portal and returns the authorization code it brought.</summary>
    public static async Task<string> CodeAtPortalAsync(IPage page)
    {
        await page.WaitForURLAsync(PortalCallback());
        var query = new Uri(page.Url).Query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""));
        return query.TryGetValue("code", out var code) ? code : throw new Xunit.Sdk.XunitException("No code in the redirect back: " + page.Url);
    }

    /// <summary>Redeems a code at <paramref name="server"/>'s token endpoint (nginx or a node), as the portal does.</summary>
    public static async Task<JsonElement> RedeemAsync(LocalCluster cluster, Uri server, string code, Pkce pkce)
    {
        var (status, body) = await TokenAsync(cluster, server, cluster.PortalClientId, cluster.PortalClientSecret, new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = cluster.PortalRedirectUri.ToString(),
            ["code_verifier"] = pkce.Verifier,
        });
        Assert.True(status == 200, $"The code was not redeemed ({status}): {body}");
        return body;
    }

    /// <summary>A refresh at <paramref name="server"/>'s token endpoint: the status and the answer.</summary>
    public static Task<(int Status, JsonElement Body)> RefreshAsync(LocalCluster cluster, Uri server, string refreshToken) =>
        TokenAsync(cluster, server, cluster.PortalClientId, cluster.PortalClientSecret, new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        });

    /// <summary>Any token request with client_secret_basic.</summary>
    public static async Task<(int Status, JsonElement Body)> TokenAsync(
        LocalCluster cluster, Uri server, string clientId, string secret, Dictionary<string, string> form, string? forwardedFor = null)
    {
        using var http = cluster.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "connect/token")) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return ((int)response.StatusCode, json.RootElement.Clone());
    }

    private static Regex PortalCallback() => PortalCallbackPattern();

    [GeneratedRegex(@"^http://localhost/cluster-portal/callback")]
    private static partial Regex PortalCallbackPattern();
}

/// <summary>A PKCE verifier and its S256 challenge.</summary>
internal sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce New()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Which node answered which request, in order.</summary>
internal sealed class NodeTrail
{
    private readonly List<(string Method, string Url, string Node)> _answers = [];

    public void Add(string method, string url, string node)
    {
        lock (_answers)
        {
            _answers.Add((method, url, node));
        }
    }

    public IReadOnlyList<(string Method, string Url, string Node)> Answers
    {
        get
        {
            lock (_answers)
            {
                return [.. _answers];
            }
        }
    }

    /// <summary>The nodes that answered, each once.</summary>
    public IReadOnlySet<string> Nodes => Answers.Select(answer => answer.Node).ToHashSet();

    /// <summary>The node that answered the last request whose address starts with <paramref name="prefix"/>.</summary>
    public string LastFor(string method, string prefix) =>
        Answers.LastOrDefault(answer => answer.Method == method && answer.Url.StartsWith(prefix, StringComparison.Ordinal)).Node
        ?? throw new Xunit.Sdk.XunitException($"No {method} {prefix} went through nginx:\n{this}");

    public override string ToString() => string.Join('\n', Answers.Select(answer => $"{answer.Node} {answer.Method} {answer.Url}"));
}
