using System.Linq.Expressions;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Hosting;
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

/// <summary>Runs <see cref="InactiveAccounts"/> on a timer (<c>Inactivity:CheckInterval</c>).</summary>
public sealed class InactivityJob(IServiceScopeFactory scopes, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time, ILogger<InactivityJob> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override string Name => "inactivity check (accounts turned off)";

    protected override TimeSpan Interval => options.CurrentValue.Inactivity.CheckInterval;

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<InactiveAccounts>().DisableAsync(cancellationToken);
}
