using IdentityHub.Core.Audit;
using IdentityHub.Data;
using IdentityHub.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Audit;

/// <summary>What one archiving run did: the archives it wrote (in order), where, and why it stopped early, if it did.</summary>
public sealed record AuditArchiveRun(IReadOnlyList<AuditArchive> Archives, string Folder, DateTimeOffset Cutoff, string? Refused = null)
{
    public long Count => Archives.Sum(archive => archive.Count);
}

/// <summary>
/// Moves sealed audit records past their retention out of the table into archive files (D9, decision 0031):
/// oldest first, in sequence order, each file a run of records as JSON Lines with their hashes, so it verifies
/// on its own. Per file, in one transaction under a PostgreSQL advisory lock of its own (two nodes never
/// archive the same records): the records are written to a temporary file, flushed to disk and renamed, then
/// the archive row (first and last sequence, start and head hash, the file's SHA-256) is added and the records
/// deleted. A crash leaves at worst a file without a row, which the next run writes again. The chain's newest
/// sealed record always stays in the table (the sealer continues from it), and a broken link is never archived.
/// </summary>
public sealed class AuditArchiver(
    IdentityHubDbContext db,
    TimeProvider time,
    IOptions<AuditRetentionOptions> options,
    IConfiguration configuration,
    IHostEnvironment environment)
{
    /// <summary>Records per file at most: one run catching up on years writes several files, each in its own transaction.</summary>
    public const int MaxPerFile = 100_000;

    /// <summary>The advisory lock's key: "IHarchiv" in ASCII, another than the sealer's (archiving never waits for sealing).</summary>
    private const long LockKey = 0x4948_6172_6368_6976;

    public string Folder => options.Value.ArchiveFolderPath(configuration, environment.ContentRootPath);

    public async Task<AuditArchiveRun> ArchiveAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        var folder = Folder;
        var archives = new List<AuditArchive>();
        while (true)
        {
            var (archive, refused) = await ArchiveOneFileAsync(folder, cutoff, cancellationToken);
            if (archive is null)
            {
                return new AuditArchiveRun(archives, folder, cutoff, refused);
            }

            archives.Add(archive);
        }
    }

    private Task<(AuditArchive? Archive, string? Refused)> ArchiveOneFileAsync(string folder, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(() => ArchiveInTransactionAsync(folder, cutoff, cancellationToken));

    private async Task<(AuditArchive? Archive, string? Refused)> ArchiveInTransactionAsync(string folder, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        }

        var newest = await db.AuditArchives.AsNoTracking().OrderByDescending(a => a.LastSequence).FirstOrDefaultAsync(cancellationToken);
        var first = (newest?.LastSequence ?? 0) + 1;
        var head = await db.AuditEvents.MaxAsync(e => e.Sequence, cancellationToken);
        var upTo = Math.Min((head ?? 0) - 1, first + MaxPerFile - 1);
        if (upTo < first)
        {
            return (null, null);
        }

        Directory.CreateDirectory(folder);
        var pending = Path.Combine(folder, $"audit-{first}.jsonl.tmp");
        var written = await WriteAsync(pending, first, upTo, newest?.HeadHash ?? AuditChain.Genesis, cutoff, cancellationToken);
        if (written.Count == 0 || written.Refused is not null)
        {
            File.Delete(pending);
            return (null, written.Refused);
        }

        var last = first + written.Count - 1;
        var archive = new AuditArchive
        {
            ArchivedAt = time.GetUtcNow(),
            FirstSequence = first,
            LastSequence = last,
            Count = written.Count,
            StartHash = newest?.HeadHash ?? AuditChain.Genesis,
            HeadHash = written.HeadHash,
            FileName = $"audit-{first}-{last}.jsonl",
            FileHash = await AuditArchiveCheck.FileHashAsync(pending, cancellationToken),
        };
        File.Move(pending, Path.Combine(folder, archive.FileName), overwrite: true);
        db.AuditArchives.Add(archive);
        await db.SaveChangesAsync(cancellationToken);
        await db.AuditEvents.Where(e => e.Sequence >= first && e.Sequence <= last).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (archive, null);
    }

    /// <summary>
    /// Writes the records from <paramref name="first"/> on, in sequence order, while they are older than the
    /// cutoff (a younger one ends the run: records after it stay, whatever their time), checking each link as
    /// it goes; the file is flushed to disk before this returns.
    /// </summary>
    private async Task<(long Count, string HeadHash, string? Refused)> WriteAsync(
        string path, long first, long upTo, string previous, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var count = 0L;
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await using (var writer = new StreamWriter(file, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true) { NewLine = "\n" })
        {
            var records = db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence >= first && e.Sequence <= upTo)
                .OrderBy(e => e.Sequence)
                .AsAsyncEnumerable();
            await foreach (var record in records.WithCancellation(cancellationToken))
            {
                if (record.OccurredAt >= cutoff)
                {
                    break;
                }

                if (AuditLink.Problem(first + count, previous, record.Sequence!.Value, record.PreviousHash, record.Hash, record.Chained()) is { } problem)
                {
                    return (count, previous, $"record {record.Sequence} (reference {record.Reference}) is not archived because {problem}; run verify-audit");
                }

                await writer.WriteLineAsync(AuditArchiveLine.Of(record).ToJson().AsMemory(), cancellationToken);
                previous = record.Hash!;
                count++;
            }
        }

        await file.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
        return (count, previous, null);
    }
}
