using System.Diagnostics.Metrics;
using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Telemetry;

/// <summary>
/// The signals an operator pages on (O3): after a wrong password, a sign-in with an emailed code and token requests,
/// the <c>IdentityHub</c> meter has counted each with its low-cardinality tags, and the Prometheus endpoint on its
/// own port serves them as text.
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Sign_in_code_delivery_second_factor_and_tokens_are_counted_and_scraped()
    {
        var port = FreeTcpPort.Next();
        await using var app = new IdentityHubApp()
            .With("IdentityHub:Telemetry:Prometheus:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("IdentityHub:Telemetry:Prometheus:Host", "localhost");
        await app.InitializeAsync();
        using var recorded = new RecordedMeasurements(app.Services.GetRequiredService<IMeterFactory>());
        var name = NewName("metrics");
        var user = await app.CreateUserAsync(name);

        var wrong = await app.NewBrowser().SubmitPasswordAsync(name, "not the password at all");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        var authorization = await browser.CodeFlowAsync(name, request);
        var tokens = TokenClient.For(app, TestClients.Portal, TestClients.PortalSecret);
        var issued = (await tokens.RedeemAsync(authorization)).EnsureSuccess();
        (await tokens.RefreshAsync(issued.RefreshToken)).EnsureSuccess();
        Assert.NotEqual(HttpStatusCode.OK, (await tokens.RefreshAsync(issued.RefreshToken)).Status); // reused: refused
        (await TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();

        var all = recorded.Describe();
        Assert.True(recorded.Sum("identityhub.sign_in.attempts", ("factor", "password"), ("outcome", "wrong_password"), ("client_id", "none")) == 1, all);
        Assert.True(recorded.Sum("identityhub.sign_in.attempts", ("factor", "password"), ("outcome", "succeeded"), ("client_id", TestClients.Portal)) == 1, all);
        Assert.True(recorded.Sum("identityhub.delivery.attempts", ("kind", "email"), ("provider", "captured-email"), ("outcome", "sent")) == 1, all);
        Assert.True(recorded.Sum("identityhub.mfa.checks", ("method", "email"), ("outcome", "accepted")) == 1, all);
        Assert.True(recorded.Sum("identityhub.sign_ins", ("kind", "sign_in"), ("outcome", "succeeded"), ("client_id", TestClients.Portal)) == 1, all);
        Assert.True(recorded.Sum("identityhub.tokens.issued", ("grant_type", "authorization_code"), ("client_id", TestClients.Portal)) == 1, all);
        Assert.True(recorded.Sum("identityhub.tokens.issued", ("grant_type", "refresh_token"), ("client_id", TestClients.Portal)) == 1, all);
        Assert.True(recorded.Sum("identityhub.tokens.issued", ("grant_type", "client_credentials"), ("client_id", TestClients.Integration)) == 1, all);
        Assert.True(recorded.Sum("identityhub.tokens.refused", ("grant_type", "refresh_token"), ("error", "invalid_grant")) == 1, all);
        Assert.DoesNotContain(recorded.TagValues, value => value.Contains(name, StringComparison.OrdinalIgnoreCase) || value.Contains('@') || value.Contains("2652", StringComparison.Ordinal));

        using var scraper = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var scrape = await scraper.GetAsync($"http://localhost:{port}/metrics");
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("# TYPE identityhub_tokens_issued_total counter", text, StringComparison.Ordinal);
        Assert.Matches(@"identityhub_tokens_issued_total\{[^}]*client_id=""claims-integration""[^}]*grant_type=""client_credentials""", text);
        Assert.Contains("identityhub_sign_in_attempts_total{", text, StringComparison.Ordinal);
        Assert.Contains("identityhub_mfa_checks_total{", text, StringComparison.Ordinal);
        Assert.Matches(@"identityhub_overload_in_progress\{[^}]*group=""tokens""", text); // the overload limits' gauges
        Assert.Contains("dotnet_thread_pool_thread_count", text, StringComparison.Ordinal); // the runtime's meter
        Assert.Contains("dotnet_gc_", text, StringComparison.Ordinal);
        Assert.Contains("identityhub_delivery_attempts_total{", text, StringComparison.Ordinal);
        Assert.Contains("identityhub_delivery_circuit_state{", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
    }
}
