using System.Text.Json;
using IdentityHub.Core.Members;
using IdentityHub.Delivery.Webhook;
using IdentityHub.Server.Members;
using IdentityHub.Server.Members.Webhook;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace IdentityHub.Server.Tests.Members;

/// <summary>
/// The plan's eligibility system as the roster (A15), against a stand-in for it on loopback: the signed request,
/// both answers, and every failure as Unavailable (retried, timed out, unreadable, circuit open), never an exception.
/// </summary>
public sealed class WebhookRosterTests : IAsyncLifetime, IDisposable
{
    private const string Secret = "roster-test-secret-0123456789abcdef";
    private static readonly MemberProof Proof = new("ab-123 4567", new DateOnly(1950, 4, 12), "Núñez", "94110-1234");
    private readonly CapturedLogs _logs = new();
    private HttpStandIn _plan = null!;

    public async Task InitializeAsync()
    {
        _plan = await HttpStandIn.StartAsync();
        // The stand-in checks the signature as docs/members.md tells the plan to, and knows one member.
        _plan.DefaultReply = request =>
        {
            if (!WebhookSignature.Verify(Secret, request.Header(WebhookSignature.TimestampHeader), request.Body, request.Header(WebhookSignature.SignatureHeader), DateTimeOffset.UtcNow))
            {
                return new StandInReply(401, """{"error":"bad signature"}""");
            }

            using var json = JsonDocument.Parse(request.Body);
            var normalized = json.RootElement.GetProperty("normalized");
            return normalized.GetProperty("member_id").GetString() == "AB1234567" && normalized.GetProperty("last_name").GetString() == "NUNEZ"
                ? new StandInReply(200, """{"matched":true,"member_id":"AB1234567","patient_id":"pat-77.a","given_name":"Ana","family_name":"Núñez","email":"ana@example.org"}""")
                : new StandInReply(200, """{"matched":false}""");
        };
    }

    public Task DisposeAsync() => _plan.DisposeAsync().AsTask();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task A_member_the_plan_knows_is_matched_with_what_the_plan_says_of_them()
    {
        await using var services = Services();

        var answer = await CheckAsync(services, Proof);

        Assert.Equal(new RosterAnswer.Matched("AB1234567", "pat-77.a", "Ana", "Núñez", "ana@example.org"), answer);
        var request = Assert.Single(_plan.Requests);
        Assert.Equal(("POST", "/eligibility"), (request.Method, request.Path));
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(("ab-123 4567", "1950-04-12", "Núñez", "94110-1234"),
            (root.GetProperty("member_id").GetString(), root.GetProperty("date_of_birth").GetString(), root.GetProperty("last_name").GetString(), root.GetProperty("postal_code").GetString()));
        Assert.Equal("94110", root.GetProperty("normalized").GetProperty("postal_code").GetString());
        Assert.Matches("^[0-9a-f]{12}$", root.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task The_request_is_signed_with_the_shared_secret_over_timestamp_and_body()
    {
        await using var services = Services();

        await CheckAsync(services, Proof);

        var request = Assert.Single(_plan.Requests);
        var timestamp = long.Parse(request.Header(WebhookSignature.TimestampHeader)!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, 0, 30);
        Assert.True(WebhookSignature.Verify(Secret, timestamp, request.Body, request.Header(WebhookSignature.SignatureHeader)));
        Assert.False(WebhookSignature.Verify("another-secret-0123456789abcdefghij", timestamp, request.Body, request.Header(WebhookSignature.SignatureHeader)));
        Assert.False(WebhookSignature.Verify(Secret, timestamp, request.Body.Replace("1950", "1951", StringComparison.Ordinal), request.Header(WebhookSignature.SignatureHeader)));
    }

    [Fact]
    public async Task A_person_the_plan_does_not_know_is_not_matched()
    {
        await using var services = Services();

        var answer = await CheckAsync(services, Proof with { LastName = "Nunes" });

        Assert.IsType<RosterAnswer.NotMatched>(answer);
    }

    [Fact]
    public async Task A_server_error_is_retried_then_unavailable_and_the_log_has_no_personal_data()
    {
        _plan.DefaultReply = _ => new StandInReply(500, """{"error":"down"}""");
        await using var services = Services(("Webhook:Resilience:MaxRetries", "2"));

        var answer = await CheckAsync(services, Proof);

        var unavailable = Assert.IsType<RosterAnswer.Unavailable>(answer);
        Assert.Contains("500", unavailable.Reason, StringComparison.Ordinal);
        Assert.Equal(3, _plan.Requests.Count);
        var logged = Assert.Single(_logs.All, log => log.Category == typeof(WebhookRoster).FullName);
        Assert.Contains("500", logged.Message, StringComparison.Ordinal);
        foreach (var personal in new[] { "4567", "AB123", "1950", "Núñez", "NUNEZ", "94110" })
        {
            Assert.DoesNotContain(personal, logged.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_unavailable_without_a_retry()
    {
        _plan.Then(StandInReply.Hangs);
        await using var services = Services(("Webhook:Timeout", "00:00:00.300"));

        var answer = await CheckAsync(services, Proof);

        Assert.Contains("no answer within", Assert.IsType<RosterAnswer.Unavailable>(answer).Reason, StringComparison.Ordinal);
        Assert.Single(_plan.Requests);
    }

    [Theory]
    [InlineData(200, "not json at all")]
    [InlineData(200, """{"matched":"yes"}""")]
    [InlineData(200, """{"member_id":"AB1234567"}""")]
    [InlineData(200, """{"matched":true}""")]
    [InlineData(200, """{"matched":true,"member_id":"ZZ999"}""")]
    [InlineData(200, """{"matched":true,"member_id":"AB1234567","patient_id":"has spaces/and slashes"}""")]
    [InlineData(200, """{"matched":true,"member_id":"AB1234567","given_name":42}""")]
    [InlineData(200, """[true]""")]
    [InlineData(404, """{"matched":false}""")]
    public async Task An_unreadable_or_contradictory_answer_is_unavailable(int status, string body)
    {
        _plan.DefaultReply = _ => new StandInReply(status, body);
        await using var services = Services();

        Assert.IsType<RosterAnswer.Unavailable>(await CheckAsync(services, Proof));
    }

    [Fact]
    public async Task A_refused_connection_is_unavailable()
    {
        await using var services = Services(("Webhook:Url", "http://127.0.0.1:1/eligibility"), ("Webhook:Resilience:MaxRetries", "0"));

        Assert.Contains("request failed", Assert.IsType<RosterAnswer.Unavailable>(await CheckAsync(services, Proof)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_the_plan_is_not_asked_while_it_is_open()
    {
        _plan.DefaultReply = _ => new StandInReply(503, "{}");
        await using var services = Services(
            ("Webhook:Resilience:MaxRetries", "0"),
            ("Webhook:Resilience:CircuitBreakerMinimumThroughput", "3"),
            ("Webhook:Resilience:CircuitBreakerBreakDuration", "00:05:00"));

        for (var i = 0; i < 3; i++)
        {
            Assert.IsType<RosterAnswer.Unavailable>(await CheckAsync(services, Proof));
        }

        var asked = _plan.Requests.Count;
        var whileOpen = await CheckAsync(services, Proof);

        Assert.Equal(3, asked);
        Assert.Contains("circuit is open", Assert.IsType<RosterAnswer.Unavailable>(whileOpen).Reason, StringComparison.Ordinal);
        Assert.Equal(asked, _plan.Requests.Count);
    }

    private ServiceProvider Services(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Kind"] = "Webhook",
            ["Webhook:Url"] = new Uri(_plan.BaseUrl, "/eligibility").ToString(),
            ["Webhook:Secret"] = Secret,
            ["Webhook:Timeout"] = "00:00:05",
            ["Webhook:Resilience:RetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(pair => $"{RosterOptions.Section}:{pair.Key}", pair => pair.Value))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_logs));
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        // Development: the stand-in speaks plain http on loopback.
        services.AddIdentityHubMembers(configuration, new HostingEnvironment { EnvironmentName = "Development" });
        return services.BuildServiceProvider();
    }

    private static async Task<RosterAnswer> CheckAsync(IServiceProvider services, MemberProof proof)
    {
        await using var scope = services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<IMemberRoster>();
        Assert.Equal(RosterKinds.Webhook, roster.Kind);
        return await roster.CheckAsync(proof);
    }
}
