using IdentityHub.Core.Audit;
using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Audit;

/// <summary>What walking the chain found: how many sealed records were checked and the first broken link, if any.</summary>
public sealed record AuditVerification(long Checked, long Unsealed, string HeadHash, long? BrokenAt = null, string? BrokenReference = null, string? Problem = null)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>
/// Walks the audit chain in sequence order, reading a batch at a time (memory stays flat however long the
/// trail), and recomputes every hash: an edited, removed or reordered record is reported at its place.
/// </summary>
public sealed class AuditVerifier(IdentityHubDbContext db)
{
    private const int Batch = 2000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var expectedSequence = 1L;
        var previous = AuditChain.Genesis;
        var checkedCount = 0L;
        while (true)
        {
            var from = expectedSequence;
            var records = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence >= from)
                .OrderBy(e => e.Sequence)
                .Take(Batch)
                .ToListAsync(cancellationToken);
            foreach (var record in records)
            {
                var problem = record.Sequence != expectedSequence ? $"records {expectedSequence} to {record.Sequence - 1} are missing"
                    : record.PreviousHash != previous ? "it does not name the hash of the record before it"
                    : record.Hash != AuditChain.Hash(record.Chained(), expectedSequence, previous) ? "its contents do not match its hash"
                    : null;
                if (problem is not null)
                {
                    return new AuditVerification(checkedCount, await UnsealedAsync(cancellationToken), previous, record.Sequence, record.Reference, problem);
                }

                previous = record.Hash!;
                expectedSequence++;
                checkedCount++;
            }

            if (records.Count < Batch)
            {
                return new AuditVerification(checkedCount, await UnsealedAsync(cancellationToken), previous);
            }
        }
    }

    private Task<int> UnsealedAsync(CancellationToken cancellationToken) =>
        db.AuditEvents.CountAsync(e => e.Sequence == null, cancellationToken);
}
