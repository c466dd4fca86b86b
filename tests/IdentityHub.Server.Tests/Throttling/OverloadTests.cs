using System.Diagnostics.Metrics;
using System.Net;
using System.Threading.RateLimiting;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Throttling;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Throttling;

/// <summary>
/// Concurrency limits per endpoint group (O6): past the requests a group works on and the ones it queues, the next is
/// answered 503 with Retry-After at once; a queued request is served when a turn frees. A request in flight is held
/// here by taking the group's only turn from its limiter, as a slow request would.
/// </summary>
public sealed class OverloadTests : IAsyncLifetime
{
    private readonly IdentityHubApp _app = new IdentityHubApp()
        .With("IdentityHub:Overload:Tokens:ConcurrentRequests", "1")
        .With("IdentityHub:Overload:Tokens:Queue", "1")
        .With("IdentityHub:Overload:Tokens:MaxQueueTime", "00:01:00")
        .With("IdentityHub:Overload:Authorization:ConcurrentRequests", "1")
        .With("IdentityHub:Overload:Authorization:MaxQueueTime", "00:00:00.050")
        .With("IdentityHub:Overload:Pages:ConcurrentRequests", "1")
        .With("IdentityHub:Overload:Pages:Queue", "0")
        .With("IdentityHub:Overload:RetryAfter", "00:00:02");

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    private OverloadLimiters Limiters => _app.Services.GetRequiredService<OverloadLimiters>();

    [Fact]
    public async Task A_token_request_past_the_queue_gets_503_at_once_and_the_queued_one_is_served_when_a_turn_frees()
    {
        using var waits = new QueueWaits(_app.Services.GetRequiredService<IMeterFactory>());
        var tokens = TokenClient.For(_app, TestClients.Integration, TestClients.IntegrationSecret);
        var inFlight = Limiters.Tokens!.Limiter.AttemptAcquire();
        Assert.True(inFlight.IsAcquired);

        var queued = tokens.ClientCredentialsAsync(TestClients.ApiScope);
        await WaitUntilQueuedAsync(Limiters.Tokens.Limiter);
        var refused = await _app.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = TestClients.Integration,
            ["client_secret"] = TestClients.IntegrationSecret,
        }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        var body = await refused.JsonAsync();
        Assert.Equal("temporarily_unavailable", body.GetProperty("error").GetString());
        Assert.False(queued.IsCompleted);

        Assert.Equal(1, Limiters.Tokens.Queued);
        Assert.Equal(1, Limiters.Tokens.InProgress);
        inFlight.Dispose();
        (await queued).EnsureSuccess();
        Assert.Equal(1, Limiters.Tokens.Limiter.GetStatistics()!.CurrentAvailablePermits);
        Assert.Equal(0, Limiters.Tokens.InProgress);
        var wait = Assert.Single(waits.Recorded);
        Assert.Equal("tokens", wait.Group);
        Assert.True(wait.Seconds > 0, "The queued request's wait was not measured.");
    }

    [Fact]
    public async Task A_page_past_its_limit_shows_the_try_again_page_and_discovery_is_never_limited()
    {
        using (var inFlight = Limiters.Pages!.Limiter.AttemptAcquire())
        {
            Assert.True(inFlight.IsAcquired);
            var refused = await _app.CreateClient().GetAsync("/account/login");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
            Assert.NotEmpty((await HtmlPage.ReadAsync(refused)).TextAt("#outage-message"));

            Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync("/.well-known/openid-configuration")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync("/.well-known/jwks")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task A_request_that_waits_past_its_groups_time_is_refused_and_the_turn_stays_free()
    {
        using (var inFlight = Limiters.Authorization!.Limiter.AttemptAcquire())
        {
            Assert.True(inFlight.IsAcquired);
            var refused = await _app.NewBrowser().AuthorizeAsync(new AuthorizationRequest());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(0, Limiters.Authorization.Limiter.GetStatistics()!.CurrentQueuedCount);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await _app.NewBrowser().AuthorizeAsync(new AuthorizationRequest())).StatusCode);
    }

    /// <summary>The waits recorded on <c>identityhub.overload.queue.duration</c> by this test's server.</summary>
    private sealed class QueueWaits : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string? Group, double Seconds)> _recorded = new();

        public QueueWaits(IMeterFactory serverMeters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "identityhub.overload.queue.duration" && ReferenceEquals(instrument.Meter.Scope, serverMeters))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            {
                string? group = null;
                foreach (var (key, tag) in tags)
                {
                    group = key == "group" ? tag?.ToString() : group;
                }

                _recorded.Enqueue((group, value));
            });
            _listener.Start();
        }

        public IReadOnlyList<(string? Group, double Seconds)> Recorded => [.. _recorded];

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Polls the limiter until the request sent is waiting in its queue (a turn is held, so it cannot be served).</summary>
    private static async Task WaitUntilQueuedAsync(ConcurrencyLimiter limiter)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (limiter.GetStatistics()!.CurrentQueuedCount == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The token request never reached the queue.");
            await Task.Delay(10);
        }
    }
}
