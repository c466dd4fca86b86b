using IdentityHub.Core.Audit;
using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Audit;

/// <summary>
/// Seals written audit records into the hash chain (D9, decision 0029): the oldest unsealed records, in the
/// order they happened, each get the next sequence number and a hash over their fields and the previous
/// record's hash. One node seals at a time (a PostgreSQL transaction-scoped advisory lock; SQLite has one
/// writer), so several nodes running it at once still make one chain. Writers never wait for it.
/// </summary>
public sealed class AuditSealer(IdentityHubDbContext db)
{
    /// <summary>The advisory lock's key: "IHaudit" in ASCII, unlikely to meet another application's.</summary>
    private const long LockKey = 0x4948_6175_6469_74;

    private const int Batch = 500;

    /// <summary>Seals every record written so far; returns how many were sealed.</summary>
    public async Task<int> SealAsync(CancellationToken cancellationToken = default)
    {
        var sealedCount = 0;
        int last;
        do
        {
            last = await SealBatchAsync(cancellationToken);
            sealedCount += last;
        }
        while (last == Batch);

        return sealedCount;
    }

    private Task<int> SealBatchAsync(CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
            }

            var head = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence != null)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync(cancellationToken);
            var unsealed = await db.AuditEvents
                .Where(e => e.Sequence == null)
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                .Take(Batch)
                .ToListAsync(cancellationToken);
            await AttachOrganizationsAsync(unsealed, cancellationToken);
            var sequence = head?.Sequence ?? 0;
            var previous = head?.Hash ?? AuditChain.Genesis;
            foreach (var record in unsealed)
            {
                sequence++;
                record.Sequence = sequence;
                record.PreviousHash = previous;
                record.Hash = previous = AuditChain.Hash(record.Chained(), sequence, previous);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return unsealed.Count;
        });

    /// <summary>
    /// An event about a person carries their organization (D9), so that its administrators read their part: the
    /// writers on the token server do not know it, so it is set here, before the hash covers it, from the people
    /// of this batch (one query), and saved with the seal.
    /// </summary>
    private async Task AttachOrganizationsAsync(List<Data.Audit.AuditEvent> unsealed, CancellationToken cancellationToken)
    {
        var people = unsealed.Where(e => e.OrganizationId is null && e.UserId is not null).Select(e => e.UserId!).Distinct().ToList();
        if (people.Count == 0)
        {
            return;
        }

        var organizations = await db.Users.AsNoTracking()
            .Where(u => people.Contains(u.Id) && u.OrganizationId != null)
            .Select(u => new { u.Id, u.OrganizationId })
            .ToDictionaryAsync(u => u.Id, u => u.OrganizationId!, cancellationToken);
        foreach (var record in unsealed)
        {
            if (record.OrganizationId is null && record.UserId is not null && organizations.TryGetValue(record.UserId, out var organization))
            {
                record.OrganizationId = organization;
            }
        }
    }
}
