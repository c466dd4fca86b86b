using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Hardening;

/// <summary>
/// PostgreSQL goes away mid-flight (O6): sign-in posts, refreshes and authorization requests get 503
/// with Retry-After (or <c>temporarily_unavailable</c> back at the portal), never a 500; when the
/// database is back the same server serves again without a restart. The test owns a cluster of its
/// own, since it stops it.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private ThrowawayPostgres _cluster = null!;
    private IdentityHubApp _app = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ThrowawayPostgres.StartAsync();
        await using (var admin = new NpgsqlConnection(_cluster.AdministratorConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE outage", admin);
            await create.ExecuteNonQueryAsync();
        }

        // Short timeouts keep the test bounded; a refused connection fails at once anyway.
        var database = new NpgsqlConnectionStringBuilder(_cluster.AdministratorConnectionString)
        {
            Database = "outage",
            Timeout = 3,
            CommandTimeout = 5,
        };
        _app = new IdentityHubApp().UseDatabase(database.ConnectionString).With("IdentityHub:Database:RetryAfter", "00:00:45");
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _cluster.Dispose();
    }

    [Fact]
    public async Task While_the_database_is_down_requests_get_503_with_Retry_After_and_it_recovers_without_a_restart()
    {
        var name = NewName("outage");
        await _app.CreateUserAsync(name);
        var tokens = TokenClient.For(_app);
        var portalBrowser = _app.NewBrowser();
        var issued = (await tokens.RedeemAsync(await portalBrowser.CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess();
        var signingIn = _app.NewBrowser();
        var loginPage = await signingIn.PageAsync("/account/login");
        var inSpanish = _app.NewBrowser("es-US,es;q=0.9");
        var spanishLoginPage = await inSpanish.PageAsync("/account/login");

        await _cluster.StopServerAsync();

        // A person signing in: a plain page saying when to try again.
        var signIn = await signingIn.PostPageFormAsync(loginPage, "/account/login",
            new Dictionary<string, string> { ["Input.Username"] = name, ["Input.Password"] = TestUsers.Password });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
        Assert.Equal("45", signIn.Headers.GetValues("Retry-After").Single());
        var page = HtmlPage.Parse(await signIn.Content.ReadAsStringAsync());
        Assert.Equal("Sign-in is temporarily unavailable", page.TextAt("h1"));
        Assert.Contains("Please try again in a minute.", page.TextAt("#outage-message"));

        // The same page in Spanish for a browser that asks for it, with the English line under it.
        var spanish = HtmlPage.Parse(await (await inSpanish.PostPageFormAsync(spanishLoginPage, "/account/login",
            new Dictionary<string, string> { ["Input.Username"] = name, ["Input.Password"] = TestUsers.Password })).Content.ReadAsStringAsync());
        Assert.Equal("es", spanish.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("El inicio de sesión no está disponible por el momento", spanish.TextAt("h1"));
        Assert.Contains("Vuelva a intentarlo en un minuto.", spanish.TextAt("#outage-message"));
        Assert.Equal("en", spanish.One("#outage-message-other").GetAttribute("lang"));
        Assert.Contains("Please try again in a minute.", spanish.TextAt("#outage-message-other"));

        // A portal's back end refreshing: 503, Retry-After and an OAuth-shaped body.
        var refresh = await tokens.RefreshAsync(issued.RefreshToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refresh.Status);
        Assert.Equal("temporarily_unavailable", refresh.Error);

        // A signed-in browser sent by its portal: back to the portal with temporarily_unavailable.
        var request = new AuthorizationRequest();
        var authorization = AuthorizationResult.From(await portalBrowser.AuthorizeAsync(request), request);
        Assert.Equal(TestClients.RedirectUri, authorization.Location?.GetLeftPart(UriPartial.Path));
        Assert.Equal("temporarily_unavailable", authorization.Error);
        Assert.Equal(request.State, authorization.Parameters["state"]);

        await _cluster.StartServerAsync();

        // The same server, no restart: the refresh token still works, and so does a new sign-in.
        (await tokens.RefreshAsync(issued.RefreshToken)).EnsureSuccess();
        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        var again = await _app.NewBrowser().CodeFlowAsync(name, new AuthorizationRequest());
        (await tokens.RedeemAsync(again)).EnsureSuccess();

        // The operator's log says what happened, once per refused request, and no request was unhandled.
        Assert.Contains(_app.Logs.All, log => log.Category.EndsWith(".DatabaseOutages", StringComparison.Ordinal) && log.Level == LogLevel.Warning);
        Assert.DoesNotContain(_app.Logs.All, log => log.Category.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal));
    }
}
