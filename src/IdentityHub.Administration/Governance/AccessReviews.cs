using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Governance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Administration.Governance;

/// <summary>
/// Re-certification (D7): who is due and when, and an administrator confirming people's access (one or many
/// at once; a suspended person can sign in again at once) or removing it. An organization's administrators
/// review their own people; nobody reviews themselves, so administrators are confirmed by their backup or the
/// platform. Every confirmation and removal is audited.
/// </summary>
public sealed class AccessReviews(IdentityHubDbContext db, AdminAudit audit, IOptionsMonitor<GovernanceOptions> options, TimeProvider time)
{
    public async Task<Page<ReviewView>> ListAsync(AdminCaller caller, ReviewQuery query, CancellationToken cancellationToken = default)
    {
        var organizationId = caller.Role.IsPlatformStaff() ? query.OrganizationId : caller.OrganizationId;
        var rows = Rows().Where(row => organizationId == null || row.User.OrganizationId == organizationId);
        if (!caller.Role.IsPlatformStaff() && caller.OrganizationId is null)
        {
            rows = rows.Where(_ => false);
        }

        var now = time.GetUtcNow();
        var soon = now + ReminderPeriod;
        rows = query.Status switch
        {
            ReviewStatus.Suspended => rows.Where(row => row.Review.SuspendedAt != null),
            ReviewStatus.Overdue => rows.Where(row => row.Review.SuspendedAt == null && row.Review.DueAt <= now),
            ReviewStatus.DueSoon => rows.Where(row => row.Review.SuspendedAt == null && row.Review.DueAt > now && row.Review.DueAt <= soon),
            ReviewStatus.Current => rows.Where(row => row.Review.SuspendedAt == null && row.Review.DueAt > soon),
            _ => rows,
        };

        var size = Math.Clamp(query.PageSize, 1, 100);
        var number = Math.Max(query.Page, 1);
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderBy(row => row.Review.DueAt).ThenBy(row => row.User.Id).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<ReviewView>(await ViewsAsync(page, cancellationToken), total, number, size);
    }

    public async Task<ReviewView?> ForPersonAsync(string userId, CancellationToken cancellationToken = default)
    {
        var rows = await Rows().Where(row => row.User.Id == userId).ToListAsync(cancellationToken);
        var views = await ViewsAsync(rows, cancellationToken);
        return views.Count == 0 ? null : views[0];
    }

    /// <summary>Confirms each person's access for another interval, ending a suspension.</summary>
    public Task<ReviewOutcome> ConfirmAsync(AdminCaller caller, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) =>
        EachAsync(caller, userIds, async (row, now) =>
        {
            var due = now + options.CurrentValue.RecertificationInterval;
            await db.AccessReviews.Where(r => r.UserId == row.User.Id).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.ConfirmedAt, now)
                .SetProperty(r => r.ConfirmedBy, caller.UserId)
                .SetProperty(r => r.DueAt, due)
                .SetProperty(r => r.SuspendedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.RemindedDaysBefore, (int?)null)
                .SetProperty(r => r.ConcurrencyStamp, Guid.NewGuid().ToString("N")), cancellationToken);
            audit.Add(caller, row.Review.SuspendedAt is null ? "access.confirmed" : "access.restored", row.User.Id, row.User.OrganizationId, $"confirmed until {due:yyyy-MM-dd}");
        }, cancellationToken);

    /// <summary>Takes every profile from each person (their review ends with them).</summary>
    public Task<ReviewOutcome> RemoveAsync(AdminCaller caller, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) =>
        EachAsync(caller, userIds, async (row, _) =>
        {
            var profiles = await db.SecurityProfiles.AsNoTracking()
                .Where(p => db.UserProfiles.Any(a => a.UserId == row.User.Id && a.ProfileId == p.Id))
                .Select(p => p.ClientId + ": " + p.Role)
                .ToListAsync(cancellationToken);
            await db.UserProfiles.Where(a => a.UserId == row.User.Id).ExecuteDeleteAsync(cancellationToken);
            await db.AccessReviews.Where(r => r.UserId == row.User.Id).ExecuteDeleteAsync(cancellationToken);
            audit.Add(caller, "access.removed", row.User.Id, row.User.OrganizationId, $"at re-certification: {string.Join(", ", profiles)}");
        }, cancellationToken);

    private TimeSpan ReminderPeriod => TimeSpan.FromDays(options.CurrentValue.ReminderDays.DefaultIfEmpty(0).Max());

    private async Task<ReviewOutcome> EachAsync(AdminCaller caller, IReadOnlyCollection<string> userIds, Func<Row, DateTimeOffset, Task> act, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var userId in userIds.Distinct(StringComparer.Ordinal))
        {
            var row = await Rows().FirstOrDefaultAsync(r => r.User.Id == userId, cancellationToken);
            if (row is null || !caller.CanSeePersonOf(row.User.OrganizationId))
            {
                refused[userId] = "Nobody you may review has this id, or they hold no security profile.";
                continue;
            }

            if (PersonProfiles.Refusal(caller, row.User) is { } refusal)
            {
                refused[userId] = refusal;
                continue;
            }

            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await act(row, time.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
            done.Add(userId);
        }

        return new ReviewOutcome(done, refused);
    }

    private IQueryable<Row> Rows() =>
        from review in db.AccessReviews.AsNoTracking()
        join user in db.Users.AsNoTracking() on review.UserId equals user.Id
        select new Row { Review = review, User = user };

    private async Task<IReadOnlyList<ReviewView>> ViewsAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(row => row.User.Id).ToList();
        var profiles = await (
            from assignment in db.UserProfiles.AsNoTracking()
            join profile in db.SecurityProfiles.AsNoTracking() on assignment.ProfileId equals profile.Id
            where ids.Contains(assignment.UserId)
            orderby profile.ClientId, profile.DisplayName
            select new { assignment.UserId, profile.ClientId, profile.DisplayName }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return [.. rows.Select(row => new ReviewView(
            row.User.Id,
            row.User.UserName,
            row.User.DisplayName,
            row.User.Email,
            row.User.OrganizationId,
            [.. profiles.Where(p => p.UserId == row.User.Id).Select(p => $"{p.ClientId}: {p.DisplayName}")],
            row.Review.ConfirmedAt,
            row.Review.ConfirmedBy,
            row.Review.DueAt,
            row.Review.SuspendedAt,
            StatusOf(row.Review, now)))];
    }

    private ReviewStatus StatusOf(AccessReview review, DateTimeOffset now) => review switch
    {
        { SuspendedAt: not null } => ReviewStatus.Suspended,
        _ when review.DueAt <= now => ReviewStatus.Overdue,
        _ when review.DueAt <= now + ReminderPeriod => ReviewStatus.DueSoon,
        _ => ReviewStatus.Current,
    };

    private sealed class Row
    {
        public required AccessReview Review { get; init; }

        public required Data.Users.IdentityHubUser User { get; init; }
    }
}
