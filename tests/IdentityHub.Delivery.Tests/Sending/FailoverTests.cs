using IdentityHub.Delivery.Tests.StandIns;
using IdentityHub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Delivery.Tests.Sending;

/// <summary>Retries and failover between two Twilio-shaped SMS providers.</summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private const string Code = "493817";
    private HttpStandIn _primary = null!;
    private HttpStandIn _secondary = null!;
    private readonly RecordingAudit _audit = new();

    public async Task InitializeAsync()
    {
        _primary = (await HttpStandIn.StartAsync()).AnswersLikeTwilio();
        _secondary = (await HttpStandIn.StartAsync()).AnswersLikeTwilio();
    }

    public async Task DisposeAsync()
    {
        await _primary.DisposeAsync();
        await _secondary.DisposeAsync();
    }

    private ServiceProvider Services(Uri? primaryUrl = null, Uri? secondaryUrl = null, Action<Dictionary<string, string?>>? tweak = null)
    {
        var settings = DeliveryServices.FastResilience();
        settings.AddTwilio("Sms", 0, "sms-primary", primaryUrl ?? _primary.BaseUrl);
        settings.AddTwilio("Sms", 1, "sms-secondary", secondaryUrl ?? _secondary.BaseUrl);
        tweak?.Invoke(settings);
        return DeliveryServices.Build(settings, _audit);
    }

    private static DeliveryMessage Sms(string reference) =>
        new(DeliveryKind.Sms, "+16505550123", null, $"Your Health Plan code is {Code}", reference);

    private static Uri DeadAddress() => new($"http://127.0.0.1:{FreeTcpPort.Next()}");

    [Fact]
    public async Task Service_unavailable_is_retried_then_succeeds_on_the_same_provider()
    {
        _primary.Then(TwilioReplies.ServiceUnavailable, TwilioReplies.ServiceUnavailable);
        await using var services = Services();

        var outcome = await services.GetRequiredService<IMessageSender>().SendAsync(Sms("ref-503"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("sms-primary"), outcome);
        Assert.Equal(3, _primary.Requests.Count);
        Assert.Empty(_secondary.Requests);
        Assert.Equal(
            [DeliveryAttemptOutcomes.TransientFailure, DeliveryAttemptOutcomes.TransientFailure, DeliveryAttemptOutcomes.Sent],
            _audit.For("ref-503").Select(a => a.Outcome));
    }

    [Fact]
    public async Task Too_many_requests_is_retried()
    {
        _primary.Then(TwilioReplies.TooManyRequests);
        await using var services = Services();

        var outcome = await services.GetRequiredService<IMessageSender>().SendAsync(Sms("ref-429"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("sms-primary"), outcome);
        Assert.Equal(2, _primary.Requests.Count);
        Assert.Contains("429", _audit.For("ref-429")[0].Detail);
    }

    [Fact]
    public async Task Bad_request_fails_over_to_the_secondary_without_retries()
    {
        _primary.Then(TwilioReplies.InvalidNumber);
        await using var services = Services();

        var outcome = await services.GetRequiredService<IMessageSender>().SendAsync(Sms("ref-400"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("sms-secondary"), outcome);
        Assert.Single(_primary.Requests);
        Assert.Single(_secondary.Requests);
        var attempts = _audit.For("ref-400");
        Assert.Equal(2, attempts.Count);
        Assert.Equal(("sms-primary", DeliveryAttemptOutcomes.PermanentFailure), (attempts[0].Channel, attempts[0].Outcome));
        Assert.Contains("21211", attempts[0].Detail);
        Assert.Contains("is not a valid phone number", attempts[0].Detail);
        Assert.Equal(("sms-secondary", DeliveryAttemptOutcomes.Sent), (attempts[1].Channel, attempts[1].Outcome));
    }

    [Fact]
    public async Task Dead_primary_fails_over_to_the_secondary()
    {
        await using var services = Services(primaryUrl: DeadAddress());

        var outcome = await services.GetRequiredService<IMessageSender>().SendAsync(Sms("ref-dead"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("sms-secondary"), outcome);
        var attempts = _audit.For("ref-dead");
        Assert.Equal(3, attempts.Count(a => a is { Channel: "sms-primary", Outcome: DeliveryAttemptOutcomes.TransientFailure }));
        Assert.Contains("ConnectionError", attempts[0].Detail);
    }

    [Fact]
    public async Task Hanging_primary_times_out_and_fails_over()
    {
        _primary.DefaultReply = _ => StandInReply.Hangs;
        await using var services = Services(tweak: s =>
        {
            s["Resilience:AttemptTimeout"] = "00:00:00.300";
            s["Resilience:MaxRetries"] = "1";
        });

        var outcome = await services.GetRequiredService<IMessageSender>().SendAsync(Sms("ref-hang"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("sms-secondary"), outcome);
        Assert.Equal(2, _primary.Requests.Count);
        var timedOut = _audit.For("ref-hang").Where(a => a.Channel == "sms-primary").ToList();
        Assert.Equal(2, timedOut.Count);
        Assert.All(timedOut, a => Assert.Equal((DeliveryAttemptOutcomes.TransientFailure, "timed out"), (a.Outcome, a.Detail)));
    }

    [Fact]
    public async Task Every_provider_dead_gives_Failed_with_a_reason_and_throws_nothing()
    {
        await using var services = Services(primaryUrl: DeadAddress(), secondaryUrl: DeadAddress());

        var outcome = await services.GetRequiredService<IMessageSender>().SendAsync(Sms("ref-all-dead"), CancellationToken.None);

        var failed = Assert.IsType<DeliveryOutcome.Failed>(outcome);
        Assert.StartsWith("Every sms channel failed", failed.Reason);
        Assert.Contains("sms-primary", failed.Reason);
        Assert.Contains("sms-secondary", failed.Reason);
        Assert.Equal(6, _audit.For("ref-all-dead").Count);
    }

    [Fact]
    public async Task Audit_never_contains_the_body()
    {
        _primary.Then(TwilioReplies.ServiceUnavailable, TwilioReplies.InvalidNumber);
        await using var services = Services();

        await services.GetRequiredService<IMessageSender>().SendAsync(Sms("ref-body"), CancellationToken.None);

        Assert.NotEmpty(_audit.Attempts);
        Assert.All(_audit.Attempts, a => Assert.DoesNotContain(Code, a.ToString()));
    }

    [Fact]
    public async Task No_channel_for_the_kind_gives_Failed()
    {
        await using var services = Services();

        var outcome = await services.GetRequiredService<IMessageSender>().SendAsync(
            new DeliveryMessage(DeliveryKind.Voice, "+16505550123", null, "code", "ref-none"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Failed("No voice channel is configured"), outcome);
    }

    [Fact]
    public async Task Cancellation_is_the_one_thing_that_throws()
    {
        _primary.DefaultReply = _ => StandInReply.Hangs;
        await using var services = Services();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => services.GetRequiredService<IMessageSender>().SendAsync(Sms("ref-cancel"), cancel.Token));
    }
}
