using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdentityHub.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>
/// The README's run command on a fresh machine: Development, embedded SQLite in an empty data folder,
/// demo data seeded. An independent OIDC library accepts its discovery document, and a code flow
/// (with MFA enrollment through the development outbox) completes with an ID token that verifies
/// against the published keys.
/// </summary>
public sealed class DevelopmentModeTests : IAsyncLifetime
{
    private const string ClientId = "provider-portal";
    private const string RedirectUri = "http://localhost:5101/signin-oidc";

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("identityhub-dev-").FullName;
    private readonly Uri _server = new($"http://localhost:{FreeTcpPort.Next()}/");
    private AppProcess _process = null!;

    public async Task InitializeAsync()
    {
        _process = AppProcess.Start("src/IdentityHub.Server", new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = _server.ToString(),
            ["IdentityHub__DataFolder"] = _dataFolder,
        });
        await _process.WaitUntilServingAsync(new Uri(_server, ".well-known/openid-configuration"));
    }

    public async Task DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_dataFolder, recursive: true);
    }

    [Fact]
    public async Task A_fresh_start_on_SQLite_serves_discovery_and_completes_a_code_flow()
    {
        Assert.True(File.Exists(Path.Combine(_dataFolder, "identityhub.db")));
        var user = DemoUser.FromServerOutput(_process.Output);
        var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(
            new Uri(_server, ".well-known/openid-configuration").ToString(),
            new HttpDocumentRetriever { RequireHttps = false },
            CancellationToken.None);
        Assert.Equal(_server.ToString(), configuration.Issuer);
        Assert.NotEmpty(configuration.JsonWebKeySet.Keys);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = _server };
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"{configuration.AuthorizationEndpoint}?client_id={ClientId}&response_type=code&scope=openid%20profile" +
                        $"&redirect_uri={Uri.EscapeDataString(RedirectUri)}&code_challenge={challenge}&code_challenge_method=S256&state=s1&nonce=n1";

        var toLogin = await http.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var signedIn = await SubmitAsync(http, toLogin.Headers.Location!.ToString(), new()
        {
            ["Input.Username"] = user.UserName,
            ["Input.Password"] = user.Password,
        });

        // First sign-in: MFA enrollment by email, the code read from the development outbox.
        Assert.Equal("/account/mfa/enroll", signedIn.Headers.Location!.OriginalString);
        var chosen = await SubmitAsync(http, "/account/mfa/enroll", new() { ["Method"] = "Email" });
        await SubmitAsync(http, chosen.Headers.Location!.OriginalString, new() { ["Email"] = "dana.demo@example.org" });
        var outbox = await http.GetStringAsync("/dev/outbox");
        Assert.Contains("Your account security code.", outbox);
        var emailed = Regex.Match(outbox, @"Please use security code (\d{6}) to log in").Groups[1].Value;
        var verified = await SubmitAsync(http, "/account/mfa/enroll/verify", new() { ["Code"] = emailed });
        Assert.Equal("/account/terms", verified.Headers.Location!.OriginalString);
        var accepted = await SubmitAsync(http, "/account/terms", new() { ["FirstName"] = "Dana", ["LastName"] = "Demo" });
        Assert.Equal("/account/mfa/recovery-codes", accepted.Headers.Location!.OriginalString);
        var saved = await SubmitAsync(http, "/account/mfa/recovery-codes", []);
        var toPortal = await http.GetAsync(saved.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, toPortal.StatusCode);
        var code = Regex.Match(toPortal.Headers.Location!.Query, "[?&]code=([^&]+)").Groups[1].Value;

        var tokens = await http.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["code"] = Uri.UnescapeDataString(code),
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
        }));
        var body = JsonDocument.Parse(await tokens.Content.ReadAsStringAsync()).RootElement;
        Assert.True(tokens.IsSuccessStatusCode, body.ToString());
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(body.GetProperty("id_token").GetString(), new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = ClientId,
            IssuerSigningKeys = configuration.JsonWebKeySet.GetSigningKeys(),
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal("demo", validation.Claims["preferred_username"]);
        Assert.Equal("RS256", ((JsonWebToken)validation.SecurityToken).Alg);
        Assert.Equal("urn:identityhub:acr:aal2", validation.Claims["acr"]);
    }

    /// <summary>GETs a page and posts its form with the fields, its hidden fields and its antiforgery token.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient http, string url, Dictionary<string, string> fields)
    {
        var html = await http.GetStringAsync(url);
        fields["__RequestVerificationToken"] = HiddenValue(html, "__RequestVerificationToken");
        if (html.Contains("name=\"ReturnUrl\"", StringComparison.Ordinal))
        {
            fields["ReturnUrl"] = HiddenValue(html, "ReturnUrl");
        }

        var response = await http.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static string HiddenValue(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"");
        Assert.True(match.Success, $"No hidden field {name} on the page.");
        return WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
    }
}
