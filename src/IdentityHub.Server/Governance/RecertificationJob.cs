using IdentityHub.Administration.Governance;
using IdentityHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Governance;

/// <summary>
/// Runs the re-certification reminders and suspensions (D7) on every node, every
/// <c>IdentityHub:Governance:JobInterval</c> of the system clock (the rules themselves read the server's clock,
/// so tests move that one and run the job by hand). Nodes running it at once do each thing once.
/// </summary>
public sealed class RecertificationJob(IServiceScopeFactory scopes, IOptions<GovernanceOptions> options, ILogger<RecertificationJob> logger)
    : PeriodicJob(scopes, TimeProvider.System, logger)
{
    protected override string Name => "re-certification (reminders and suspensions)";

    protected override TimeSpan Interval => options.Value.JobInterval;

    protected override async Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<RecertificationRun>().RunAsync(cancellationToken);
        return result.Reminded + result.Suspended;
    }
}
