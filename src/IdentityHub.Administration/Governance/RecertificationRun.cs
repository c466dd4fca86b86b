using IdentityHub.Accounts;
using IdentityHub.Core.Audit;
using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Hosting.Wording;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityHub.Administration.Governance;

/// <summary>What one run of the re-certification job did.</summary>
public sealed record RecertificationResult(int Reminded, int EmailsSent, int Suspended);

/// <summary>
/// The re-certification job (D7): reminds an organization's administrators of the people whose access is due
/// (<c>ReminderDays</c> before the deadline, once per threshold), and suspends access not confirmed in time,
/// ending the person's sessions and tokens. Safe on several nodes at once: each reminder and each suspension is
/// a conditional update that one node wins, in one transaction with its audit event; running it again does
/// nothing more.
/// </summary>
public sealed class RecertificationRun(
    IdentityHubDbContext db,
    AdminAudit audit,
    AccountSessions sessions,
    AdminMail mail,
    LanguageTexts texts,
    IOptionsMonitor<GovernanceOptions> options,
    TimeProvider time,
    ILogger<RecertificationRun> logger)
{
    /// <summary>How many people one run handles at most per step; the next run takes the rest.</summary>
    private const int Batch = 1000;

    /// <summary>The session end reason of a suspension.</summary>
    public const string SuspendedReason = "access_suspended";

    public async Task<RecertificationResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var suspended = await SuspendAsync(now, cancellationToken);
        var (reminded, sent) = await RemindAsync(now, cancellationToken);
        return new RecertificationResult(reminded, sent, suspended);
    }

    private async Task<int> SuspendAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await db.AccessReviews.AsNoTracking()
            .Where(r => r.SuspendedAt == null && r.DueAt <= now)
            .OrderBy(r => r.DueAt).Select(r => new { r.UserId, r.DueAt }).Take(Batch)
            .ToListAsync(cancellationToken);
        var count = 0;
        foreach (var review in due)
        {
            var won = await OnceAsync(
                reviews => reviews.Where(r => r.UserId == review.UserId && r.SuspendedAt == null && r.DueAt <= now),
                set => set.SetProperty(r => r.SuspendedAt, now).SetProperty(r => r.ConcurrencyStamp, Guid.NewGuid().ToString("N")),
                review.UserId, "access.suspended", $"not confirmed by {review.DueAt:yyyy-MM-dd}", cancellationToken);
            if (!won)
            {
                continue;
            }

            count++;
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == review.UserId, cancellationToken);
            if (user is not null)
            {
                await sessions.EndAllAsync(user, SuspendedReason, cancellationToken: cancellationToken);
            }
        }

        return count;
    }

    private async Task<(int Reminded, int Sent)> RemindAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var days = options.CurrentValue.ReminderDays.Distinct().Order().ToArray();
        if (days.Length == 0)
        {
            return (0, 0);
        }

        var horizon = now + TimeSpan.FromDays(days[^1]);
        var candidates = await (
            from review in db.AccessReviews.AsNoTracking()
            join user in db.Users.AsNoTracking() on review.UserId equals user.Id
            where review.SuspendedAt == null && review.DueAt > now && review.DueAt <= horizon && (review.RemindedDaysBefore == null || review.RemindedDaysBefore > days[0])
            orderby review.DueAt
            select new DuePerson(user.Id, user.DisplayName, user.UserName, user.OrganizationId, review.DueAt, review.RemindedDaysBefore))
            .Take(Batch).ToListAsync(cancellationToken);

        var reminded = new List<DuePerson>();
        foreach (var person in candidates)
        {
            // The nearest threshold the deadline is within: one reminder per threshold, never two at once.
            var threshold = days.First(d => person.DueAt <= now + TimeSpan.FromDays(d));
            if (person.RemindedDaysBefore is { } before && before <= threshold)
            {
                continue;
            }

            var won = await OnceAsync(
                reviews => reviews.Where(r => r.UserId == person.UserId && r.SuspendedAt == null && (r.RemindedDaysBefore == null || r.RemindedDaysBefore > threshold)),
                set => set.SetProperty(r => r.RemindedDaysBefore, threshold),
                person.UserId, "access.reminder_sent", $"due {person.DueAt:yyyy-MM-dd}; reminder {threshold} day(s) before", cancellationToken);
            if (won)
            {
                reminded.Add(person);
            }
        }

        var sent = 0;
        foreach (var group in reminded.GroupBy(person => person.OrganizationId))
        {
            sent += await EmailAdministratorsAsync(group.Key, [.. group], cancellationToken);
        }

        return (reminded.Count, sent);
    }

    /// <summary>
    /// Applies the update if this node is first (one row changed) and records the audit event with it, in one
    /// transaction; false when another node (or an earlier run) already did it.
    /// </summary>
    private Task<bool> OnceAsync(
        Func<IQueryable<Data.Governance.AccessReview>, IQueryable<Data.Governance.AccessReview>> which,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Data.Governance.AccessReview>> set,
        string userId,
        string @event,
        string detail,
        CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await which(db.AccessReviews).ExecuteUpdateAsync(set, cancellationToken) != 1)
            {
                return false;
            }

            var organizationId = await db.Users.Where(u => u.Id == userId).Select(u => u.OrganizationId).FirstOrDefaultAsync(cancellationToken);
            audit.Add(actorId: null, @event, userId, organizationId, detail);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });

    /// <summary>One email per administrator of the organization (the platform's for the plan's own people) naming everyone due.</summary>
    private async Task<int> EmailAdministratorsAsync(string? organizationId, IReadOnlyList<DuePerson> due, CancellationToken cancellationToken)
    {
        var administrators = await db.Users.AsNoTracking()
            .Where(u => u.Email != null && u.DisabledByAdministratorAt == null && u.DisabledForInactivityAt == null)
            .Where(u => organizationId == null
                ? u.AdministrativeRole == AdministrativeRole.PlatformAdministrator
                : u.OrganizationId == organizationId && (u.AdministrativeRole == AdministrativeRole.PrimaryAdministrator || u.AdministrativeRole == AdministrativeRole.BackupAdministrator))
            .ToListAsync(cancellationToken);
        var organizationName = organizationId is null ? null : await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        var sent = 0;
        foreach (var administrator in administrators)
        {
            var words = Texts.MailWords.For(texts, administrator);
            var reference = AuditReferences.New();
            var email = ReviewReminderMail.Compose(words, administrator.GivenName ?? administrator.DisplayName, organizationName, due, reference);
            if (await mail.SendAsync(administrator.Email!, email, reference, cancellationToken))
            {
                sent++;
            }
            else
            {
                logger.LogWarning("The re-certification reminder to administrator {UserId} was not delivered (reference {Reference}).", administrator.Id, reference);
            }
        }

        return sent;
    }
}

/// <summary>A person whose access is due for confirmation.</summary>
public sealed record DuePerson(string UserId, string Name, string? UserName, string? OrganizationId, DateTimeOffset DueAt, int? RemindedDaysBefore);
