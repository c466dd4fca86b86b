using IdentityHub.Testing;
using IdentityHub.Delivery.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IdentityHub.Delivery.Tests.Sending;

public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private HttpStandIn _primary = null!;
    private HttpStandIn _secondary = null!;
    private readonly RecordingAudit _audit = new();

    public async Task InitializeAsync()
    {
        _primary = await HttpStandIn.StartAsync();
        _primary.DefaultReply = _ => TwilioReplies.ServiceUnavailable;
        _secondary = (await HttpStandIn.StartAsync()).AnswersLikeTwilio();
    }

    public async Task DisposeAsync()
    {
        await _primary.DisposeAsync();
        await _secondary.DisposeAsync();
    }

    private ServiceProvider Services(TimeProvider? timeProvider = null, Action<Dictionary<string, string?>>? tweak = null)
    {
        var settings = DeliveryServices.FastResilience();
        settings.AddTwilio("Sms", 0, "sms-primary", _primary.BaseUrl);
        settings.AddTwilio("Sms", 1, "sms-secondary", _secondary.BaseUrl);
        tweak?.Invoke(settings);
        return DeliveryServices.Build(settings, _audit, timeProvider);
    }

    private static DeliveryMessage Sms(string reference) =>
        new(DeliveryKind.Sms, "+16505550123", null, "Your code is 493817", reference);

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_the_next_send_goes_straight_to_the_secondary()
    {
        await using var services = Services();
        var sender = services.GetRequiredService<IMessageSender>();

        // Three failed attempts (one try, two retries): below the minimum throughput of four, so still closed.
        Assert.Equal(new DeliveryOutcome.Sent("sms-secondary"), await sender.SendAsync(Sms("ref-cb-1"), CancellationToken.None));
        // The fourth failure opens the circuit; the retry that follows is refused.
        Assert.Equal(new DeliveryOutcome.Sent("sms-secondary"), await sender.SendAsync(Sms("ref-cb-2"), CancellationToken.None));
        Assert.Equal(4, _primary.Requests.Count);
        Assert.Contains(_audit.For("ref-cb-2"), a => a is { Channel: "sms-primary", Outcome: DeliveryAttemptOutcomes.CircuitOpen });

        var outcome = await sender.SendAsync(Sms("ref-cb-3"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("sms-secondary"), outcome);
        Assert.Equal(4, _primary.Requests.Count);
        Assert.Equal(
            [("sms-primary", DeliveryAttemptOutcomes.CircuitOpen), ("sms-secondary", DeliveryAttemptOutcomes.Sent)],
            _audit.For("ref-cb-3").Select(a => (a.Channel, a.Outcome)));
    }

    [Fact]
    public async Task Circuit_lets_a_trial_through_after_the_break_duration()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = Services(clock, s =>
        {
            s["Resilience:MaxRetries"] = "0";
            s["Resilience:CircuitBreakerMinimumThroughput"] = "2";
            s["Resilience:CircuitBreakerBreakDuration"] = "00:00:30";
        });
        var sender = services.GetRequiredService<IMessageSender>();
        await sender.SendAsync(Sms("ref-half-1"), CancellationToken.None);
        await sender.SendAsync(Sms("ref-half-2"), CancellationToken.None);
        await sender.SendAsync(Sms("ref-half-3"), CancellationToken.None);
        Assert.Equal(2, _primary.Requests.Count);
        Assert.Equal(DeliveryAttemptOutcomes.CircuitOpen, _audit.For("ref-half-3")[0].Outcome);

        _primary.AnswersLikeTwilio();
        clock.Advance(TimeSpan.FromSeconds(31));
        var outcome = await sender.SendAsync(Sms("ref-half-4"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("sms-primary"), outcome);
        Assert.Equal(3, _primary.Requests.Count);
    }

    [Fact]
    public async Task Every_circuit_open_gives_Throttled()
    {
        _secondary.DefaultReply = _ => TwilioReplies.ServiceUnavailable;
        await using var services = Services(tweak: s => s["Resilience:MaxRetries"] = "0");
        var sender = services.GetRequiredService<IMessageSender>();
        for (var i = 0; i < 4; i++)
        {
            Assert.IsType<DeliveryOutcome.Failed>(await sender.SendAsync(Sms($"ref-th-{i}"), CancellationToken.None));
        }

        var outcome = await sender.SendAsync(Sms("ref-th-last"), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Throttled>(outcome);
        Assert.All(_audit.For("ref-th-last"), a => Assert.Equal(DeliveryAttemptOutcomes.CircuitOpen, a.Outcome));
    }
}
