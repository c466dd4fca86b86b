using IdentityHub.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Data.Audit;

/// <summary>The first record (or archive) where the chain does not hold, and what is wrong with it.</summary>
public sealed record AuditBrokenLink(long Sequence, string Id, string Reference, string Problem);

/// <summary>
/// What walking the chain found: how many sealed records were checked (those still in the table), how many
/// wait to be sealed, the chain's head (its last sequence and hash: keep them outside the database), where
/// the table's part starts (after the newest archive, or at the first record) and the first broken link.
/// </summary>
public sealed record AuditVerification(
    long Checked,
    long Unsealed,
    long HeadSequence,
    string HeadHash,
    long? ArchivedThrough = null,
    AuditBrokenLink? Broken = null)
{
    public bool Intact => Broken is null;

    public long? BrokenAt => Broken?.Sequence;

    public string? BrokenReference => Broken?.Reference;

    public string? Problem => Broken?.Problem;
}

/// <summary>
/// Walks the audit chain in sequence order, reading a batch at a time (memory stays flat however long the
/// trail), and recomputes every hash: an edited, removed or reordered record is reported at its place.
/// Records moved to archive files at the end of their retention are not read again: the table's part starts
/// from the newest archive's head (its last sequence and hash), so the first record left must follow it.
/// The archives' own rows must continue each other; each file is checked on its own (<see cref="AuditArchiveCheck"/>).
/// </summary>
public sealed class AuditVerifier(IdentityHubDbContext db)
{
    private const int Batch = 2000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var (expectedSequence, previous, archivedThrough, archiveProblem) = await ArchivedPartAsync(cancellationToken);
        if (archiveProblem is not null)
        {
            return new AuditVerification(0, await UnsealedAsync(cancellationToken), expectedSequence - 1, previous, archivedThrough, archiveProblem);
        }

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
                if (AuditLink.Problem(expectedSequence, previous, record.Sequence!.Value, record.PreviousHash, record.Hash, record.Chained()) is { } problem)
                {
                    return new AuditVerification(
                        checkedCount, await UnsealedAsync(cancellationToken), expectedSequence - 1, previous, archivedThrough,
                        new AuditBrokenLink(record.Sequence.Value, record.Id, record.Reference, problem));
                }

                previous = record.Hash!;
                expectedSequence++;
                checkedCount++;
            }

            if (records.Count < Batch)
            {
                return new AuditVerification(checkedCount, await UnsealedAsync(cancellationToken), expectedSequence - 1, previous, archivedThrough);
            }
        }
    }

    /// <summary>
    /// Where the table's part of the chain starts: after the newest archive, once the archives' rows are seen
    /// to continue one another from the first record (a removed or altered archive row is a broken link).
    /// </summary>
    private async Task<(long Next, string Previous, long? ArchivedThrough, AuditBrokenLink? Problem)> ArchivedPartAsync(CancellationToken cancellationToken)
    {
        var archives = await db.AuditArchives.AsNoTracking()
            .OrderBy(a => a.LastSequence)
            .Select(a => new { a.Id, a.FirstSequence, a.LastSequence, a.StartHash, a.HeadHash, a.FileName })
            .ToListAsync(cancellationToken);
        var next = 1L;
        var previous = AuditChain.Genesis;
        foreach (var archive in archives)
        {
            var problem = archive.FirstSequence != next ? $"the archive {archive.FileName} starts at record {archive.FirstSequence}, not {next}"
                : archive.StartHash != previous ? $"the archive {archive.FileName} does not start from the hash of the record before it"
                : null;
            if (problem is not null)
            {
                return (next, previous, next - 1, new AuditBrokenLink(archive.FirstSequence, archive.Id, archive.FileName, problem));
            }

            next = archive.LastSequence + 1;
            previous = archive.HeadHash;
        }

        return (next, previous, archives.Count == 0 ? null : next - 1, null);
    }

    private Task<int> UnsealedAsync(CancellationToken cancellationToken) =>
        db.AuditEvents.CountAsync(e => e.Sequence == null, cancellationToken);
}
