using IdentityHub.Server.Hosting;

namespace IdentityHub.Server.Audit;

/// <summary>
/// Seals new audit records into the hash chain every few seconds, on every node (one at a time seals). Its
/// cadence is the system clock's, not the server's (tests move that one by days: a five-second timer on it
/// would fire hundreds of thousands of times); no rule depends on when a record is sealed.
/// </summary>
public sealed class AuditSealing(IServiceScopeFactory scopes, ILogger<AuditSealing> logger)
    : PeriodicJob(scopes, TimeProvider.System, logger)
{
    /// <summary>How long a written record waits at most, roughly, before it is sealed.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override string Name => "audit sealing (records chained)";

    protected override TimeSpan Interval => Every;

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<AuditSealer>().SealAsync(cancellationToken);
}
