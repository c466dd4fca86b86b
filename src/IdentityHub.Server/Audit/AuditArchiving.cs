using IdentityHub.Server.Hosting;

namespace IdentityHub.Server.Audit;

/// <summary>
/// Archives the audit records past their retention once a day (and once at start), on every node: the
/// archiver's lock lets one node at a time do it, and the others then find nothing left. Like sealing, its
/// cadence is the system clock's; which records are old enough is decided on the server's clock. Off with
/// <c>IdentityHub:Audit:ArchiveDaily</c> = false (then <c>archive-audit</c> is the only way records move).
/// </summary>
public sealed partial class AuditArchiving(IServiceScopeFactory scopes, ILogger<AuditArchiving> logger)
    : PeriodicJob(scopes, TimeProvider.System, logger)
{
    protected override string Name => "audit archiving (records past their retention)";

    protected override TimeSpan Interval => TimeSpan.FromDays(1);

    protected override async Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditRetentionOptions>>().Value.ArchiveDaily)
        {
            return 0;
        }

        var run = await services.GetRequiredService<AuditArchiver>().ArchiveAsync(cancellationToken);
        if (run.Refused is { } refused)
        {
            LogRefused(logger, refused);
        }

        return (int)Math.Min(run.Count, int.MaxValue);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit archiving stopped: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
