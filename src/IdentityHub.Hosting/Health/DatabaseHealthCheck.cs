using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IdentityHub.Hosting.Health;

/// <summary>
/// Ready only when the database answers and has every migration this build knows: a node of a newer version
/// waits (503) until <c>migrate</c> has run, instead of failing requests. Two small queries per probe (the
/// history table's existence and its rows). Says what is wrong in words, never the exception or the connection string.
/// </summary>
public sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public const string Name = "database";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        IReadOnlyList<string> pending;
        try
        {
            pending = [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database cannot be reached.");
        }

        return pending.Count == 0
            ? HealthCheckResult.Healthy("The database answers and every migration is applied.")
            : new HealthCheckResult(context.Registration.FailureStatus, $"{pending.Count} migration(s) not applied: run the migrate command.");
    }
}
