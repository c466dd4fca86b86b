using System.Net;
using IdentityHub.Core.Clients;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// CORS for browser apps (P12): the public portal registers <see cref="SpaOrigin"/>; a script there can read discovery,
/// JWKS and the token, userinfo and revocation answers, and its preflights are answered. Any other origin gets no CORS header.
/// </summary>
public sealed class CrossOriginTests
{
    private const string SpaOrigin = "https://spa.test";
    private const string StrangerOrigin = "https://evil.test";

    [Theory]
    [InlineData("/connect/token")]
    [InlineData("/connect/userinfo")]
    [InlineData("/connect/revoke")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task A_preflight_from_a_registered_origin_is_answered_with_that_origin(string path)
    {
        await using var app = await StartAsync();

        var response = await PreflightAsync(app, path, SpaOrigin);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(SpaOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal(["authorization", "content-type", "dpop"], Header(response, "Access-Control-Allow-Headers")!.Split(", "));
        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
        Assert.Contains("Origin", Header(response, "Vary"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task A_single_page_app_reads_discovery_redeems_its_code_and_calls_userinfo_from_its_origin()
    {
        await using var app = await StartAsync();
        var user = await app.CreateUserAsync("spa-" + Guid.NewGuid().ToString("N")[..6]);
        var script = ScriptAt(app, SpaOrigin);

        var discovery = await script.GetAsync("/.well-known/openid-configuration");
        var jwks = await script.GetAsync("/.well-known/jwks");
        var authorization = await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest { ClientId = TestClients.PublicPortal });
        var redeemed = await script.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = authorization.Code,
            ["redirect_uri"] = authorization.Request.RedirectUri,
            ["code_verifier"] = authorization.Request.CodeVerifier,
            ["client_id"] = TestClients.PublicPortal,
        }));
        var tokens = await redeemed.JsonAsync();
        var userInfo = await script.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo").WithBearer(tokens.GetProperty("access_token").GetString()!));

        foreach (var response in new[] { discovery, jwks, redeemed, userInfo })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(SpaOrigin, Header(response, "Access-Control-Allow-Origin"));
            Assert.Contains("Origin", Header(response, "Vary"));
            Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        }

        Assert.Contains("DPoP-Nonce", Header(redeemed, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task An_error_answer_to_a_registered_origin_is_readable_by_its_script()
    {
        await using var app = await StartAsync();

        var refused = await ScriptAt(app, SpaOrigin).PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = "not-a-code", ["client_id"] = TestClients.PublicPortal,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(SpaOrigin, Header(refused, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_origin_no_client_registered_gets_no_CORS_headers()
    {
        await using var app = await StartAsync();

        var preflight = await PreflightAsync(app, "/connect/token", StrangerOrigin);
        var discovery = await ScriptAt(app, StrangerOrigin).GetAsync("/.well-known/openid-configuration");
        var token = await ScriptAt(app, StrangerOrigin).PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = TestClients.PublicPortal,
        }));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        foreach (var response in new[] { preflight, discovery, token })
        {
            Assert.DoesNotContain(response.Headers, header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        }

        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
    }

    [Fact]
    public async Task Pages_and_the_authorization_endpoint_get_no_CORS_headers_even_for_a_registered_origin()
    {
        await using var app = await StartAsync();

        var login = await ScriptAt(app, SpaOrigin).GetAsync("/account/login");
        var preflight = await PreflightAsync(app, "/connect/authorize", SpaOrigin);

        Assert.Null(Header(login, "Access-Control-Allow-Origin"));
        Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_client_registered_in_the_database_after_start_up_is_allowed_once_the_client_cache_lifetime_has_passed()
    {
        await using var app = await StartAsync();
        const string laterOrigin = "https://later.test";
        Assert.Null(Header(await PreflightAsync(app, "/connect/token", laterOrigin), "Access-Control-Allow-Origin"));

        // What the admin API does on another node: a new row, which this node has not seen.
        using (var scope = app.Services.CreateScope())
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = "later-spa", ClientType = ClientTypes.Public, DisplayName = "Later SPA",
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode },
            };
            new ClientSettings { CorsOrigins = [laterOrigin] }.WriteTo(descriptor.Properties);
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor);
        }

        Assert.Null(Header(await PreflightAsync(app, "/connect/token", laterOrigin), "Access-Control-Allow-Origin"));
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(laterOrigin, Header(await PreflightAsync(app, "/connect/token", laterOrigin), "Access-Control-Allow-Origin"));
    }

    private static async Task<IdentityHubApp> StartAsync()
    {
        var app = new IdentityHubApp()
            .With("IdentityHub:Clients:1:AllowedCorsOrigins:0", SpaOrigin)
            .With("IdentityHub:Clients:1:AllowedCorsOrigins:1", "http://localhost:5173");
        await app.InitializeAsync();
        _ = app.Server;
        return app;
    }

    private static HttpClient ScriptAt(IdentityHubApp app, string origin)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", origin);
        return client;
    }

    private static Task<HttpResponseMessage> PreflightAsync(IdentityHubApp app, string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type, dpop");
        return app.CreateClient().SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content) : null;
}
