using System.Linq.Expressions;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Account;

/// <summary>
/// Turns off accounts with no sign-in for <see cref="InactivityOptions.DisableAfter"/> (A9): locked
/// until a password reset or an administrator restores them, and marked so that the sign-in page can
/// say why. Accounts that never signed in count from their creation.
/// </summary>
public sealed class InactiveAccounts(IdentityHubDbContext db, AuditLog audit, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time)
{
    public async Task<int> DisableAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var cutoff = now - options.CurrentValue.Inactivity.DisableAfter;
        Expression<Func<IdentityHubUser, bool>> idle = user => user.LastSignInAt != null ? user.LastSignInAt < cutoff : user.CreatedAt < cutoff;
        var active = db.Users.Where(user => user.DisabledForInactivityAt == null);
        // The embedded SQLite database keeps Identity's user table with dates as text, which it cannot
        // compare: there the (development-sized) list is filtered here instead of in the query.
        var stale = db.Database.IsSqlite()
            ? [.. (await active.ToListAsync(cancellationToken)).Where(idle.Compile())]
            : await active.Where(idle).ToListAsync(cancellationToken);
        foreach (var user in stale)
        {
            user.DisabledForInactivityAt = now;
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var user in stale)
        {
            await audit.RecordAsync("account.disabled_for_inactivity", "succeeded", user.Id, cancellationToken: cancellationToken);
        }

        return stale.Count;
    }
}

/// <summary>Runs <see cref="InactiveAccounts"/> on a timer.</summary>
public sealed partial class InactivityJob(IServiceScopeFactory scopes, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time, ILogger<InactivityJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.Inactivity.CheckInterval, time);
        try
        {
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var count = await scope.ServiceProvider.GetRequiredService<InactiveAccounts>().DisableAsync(stoppingToken);
                    if (count > 0)
                    {
                        LogDisabled(count);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Turned off {Count} account(s) after inactivity")]
    private partial void LogDisabled(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The inactivity check failed; it runs again at the next interval")]
    private partial void LogFailed(Exception exception);
}
