using IdentityHub.Testing;
using System.Text.Json;
using IdentityHub.Delivery.Tests.StandIns;
using IdentityHub.Delivery.Webhook;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Delivery.Tests.Webhook;

public sealed class WebhookChannelTests : IAsyncLifetime
{
    private const string ReceiverSecret = "webhook-test-secret-0123456789abcdef";
    private HttpStandIn _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await HttpStandIn.StartAsync();
        // The receiver does what the README tells receivers to do.
        _receiver.DefaultReply = request => WebhookSignature.Verify(
            ReceiverSecret,
            request.Header(WebhookSignature.TimestampHeader),
            request.Body,
            request.Header(WebhookSignature.SignatureHeader),
            DateTimeOffset.UtcNow)
            ? new StandInReply(202, "{}")
            : new StandInReply(401, """{"error":"bad signature"}""");
    }

    public Task DisposeAsync() => _receiver.DisposeAsync().AsTask();

    private ServiceProvider Services(string secret)
    {
        var settings = DeliveryServices.FastResilience();
        settings["Sms:0:Type"] = "Webhook";
        settings["Sms:0:Name"] = "sms-gateway";
        settings["Sms:0:Url"] = new Uri(_receiver.BaseUrl, "/hooks/sms").ToString();
        settings["Sms:0:Secret"] = secret;
        return DeliveryServices.Build(settings, new RecordingAudit());
    }

    [Fact]
    public async Task Delivery_is_signed_and_carries_the_message_as_json()
    {
        await using var services = Services(ReceiverSecret);

        var outcome = await services.GetRequiredService<IMessageSender>().SendAsync(
            new DeliveryMessage(DeliveryKind.Sms, "+16505550123", null, "Your code is 493817", "ref-hook-1"),
            CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("sms-gateway"), outcome);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("/hooks/sms", request.Path);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Equal(
            """{"kind":"sms","to":"+16505550123","subject":null,"body":"Your code is 493817","reference":"ref-hook-1"}""",
            request.Body);
        Assert.Matches("^sha256=[0-9a-f]{64}$", request.Header(WebhookSignature.SignatureHeader));
        var timestamp = long.Parse(request.Header(WebhookSignature.TimestampHeader)!);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, 0, 5);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("ref-hook-1", json.RootElement.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task A_receiver_refusing_the_signature_is_a_permanent_failure()
    {
        await using var services = Services("some-other-secret-0123456789abcdefgh");

        var outcome = await services.GetRequiredService<IMessageSender>().SendAsync(
            new DeliveryMessage(DeliveryKind.Sms, "+16505550123", null, "code", "ref-hook-2"), CancellationToken.None);

        var failed = Assert.IsType<DeliveryOutcome.Failed>(outcome);
        Assert.Contains("401", failed.Reason);
        Assert.Single(_receiver.Requests);
    }
}
