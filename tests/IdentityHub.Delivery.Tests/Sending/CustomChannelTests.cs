using IdentityHub.Testing;
using IdentityHub.Delivery.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Delivery.Tests.Sending;

public sealed class CustomChannelTests
{
    /// <summary>A channel of our own, as a health plan would add for an in-house gateway.</summary>
    private sealed class PagerChannel : IDeliveryChannel
    {
        public List<DeliveryMessage> Delivered { get; } = [];

        public string Name => "pager";

        public DeliveryKind Kind => DeliveryKind.Sms;

        public bool CanDeliverTo(string address) => address.StartsWith("+1", StringComparison.Ordinal);

        public Task<ChannelResult> DeliverAsync(DeliveryMessage message, CancellationToken cancellationToken)
        {
            Delivered.Add(message);
            return Task.FromResult<ChannelResult>(new ChannelResult.Delivered("page-1"));
        }
    }

    [Fact]
    public async Task A_channel_added_with_one_call_is_used()
    {
        var audit = new RecordingAudit();
        await using var services = DeliveryServices.Build(
            DeliveryServices.FastResilience(), audit, configure: s => s.AddDeliveryChannel<PagerChannel>());

        var outcome = await services.GetRequiredService<IMessageSender>().SendAsync(
            new DeliveryMessage(DeliveryKind.Sms, "+16505550123", null, "code", "ref-pager"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("pager"), outcome);
        Assert.Equal(("pager", "sent", "page-1"), (audit.Attempts[0].Channel, audit.Attempts[0].Outcome, audit.Attempts[0].Detail));
    }

    [Fact]
    public async Task Without_configuration_the_default_audit_does_nothing_and_email_fails_cleanly()
    {
        await using var services = DeliveryServices.Build(new Dictionary<string, string?>());

        var outcome = await services.GetRequiredService<IMessageSender>().SendAsync(
            new DeliveryMessage(DeliveryKind.Email, "pat@example.org", "Code", "code", "ref-none"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Failed("No email channel is configured"), outcome);
        Assert.Equal("NoOpDeliveryAudit", services.GetRequiredService<IDeliveryAudit>().GetType().Name);
    }
}
