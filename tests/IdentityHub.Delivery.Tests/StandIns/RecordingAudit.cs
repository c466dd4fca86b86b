using IdentityHub.Testing;
using System.Collections.Concurrent;

namespace IdentityHub.Delivery.Tests.StandIns;

/// <summary>Stands in for the server's audit table: keeps every attempt in memory.</summary>
public sealed class RecordingAudit : IDeliveryAudit
{
    private readonly ConcurrentQueue<DeliveryAttempt> _attempts = new();

    public IReadOnlyList<DeliveryAttempt> Attempts => [.. _attempts];

    public IReadOnlyList<DeliveryAttempt> For(string reference) => [.. _attempts.Where(a => a.Reference == reference)];

    public Task RecordAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        _attempts.Enqueue(attempt);
        return Task.CompletedTask;
    }
}
