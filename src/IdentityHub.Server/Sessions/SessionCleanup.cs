using IdentityHub.Server.Hosting;

namespace IdentityHub.Server.Sessions;

/// <summary>Deletes session records past <c>Session:RecordRetention</c>, hourly.</summary>
public sealed class SessionCleanup(IServiceScopeFactory scopes, TimeProvider time, ILogger<SessionCleanup> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override string Name => "session cleanup (old records deleted)";

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<SessionRecords>().DeleteOldAsync(cancellationToken);
}
