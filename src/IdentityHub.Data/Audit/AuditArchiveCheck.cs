using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Data.Audit;

/// <summary>
/// What checking one archive file found: the records it holds (first to last), its SHA-256, whether the
/// database holds an archive row for it, and the first problem (in the file's chain or against that row).
/// </summary>
public sealed record AuditArchiveReport(string FileName, long Count, long? FirstSequence, long? LastSequence, string FileHash, bool Registered, string? Problem)
{
    public bool Intact => Problem is null;
}

/// <summary>
/// Checks an archive file on its own (decision 0031): every line a record whose hash matches its contents,
/// each naming the hash of the line before it, sequences without a gap; then, when the database holds the
/// archive's row (found by the file's name), the file's SHA-256, first and last sequence, count, start and
/// head hash against it. A file rewritten with a consistent chain of its own is still caught by the row.
/// </summary>
public sealed class AuditArchiveCheck(IdentityHubDbContext db)
{
    public async Task<AuditArchiveReport> CheckAsync(string path, CancellationToken cancellationToken = default)
    {
        var fileName = Path.GetFileName(path);
        var fileHash = await FileHashAsync(path, cancellationToken);
        var row = await db.AuditArchives.AsNoTracking().FirstOrDefaultAsync(a => a.FileName == fileName, cancellationToken);
        var (count, first, last, startHash, headHash, problem) = await WalkAsync(path, row?.StartHash, cancellationToken);
        problem ??= row is null ? null
            : row.FileHash != fileHash ? "the file's SHA-256 is not the one recorded when it was archived"
            : row.FirstSequence != first || row.LastSequence != last || row.Count != count ? $"the file holds records {first} to {last} ({count}), not {row.FirstSequence} to {row.LastSequence} ({row.Count}) as recorded"
            : row.StartHash != startHash || row.HeadHash != headHash ? "the file's start or head hash is not the one recorded"
            : null;
        return new AuditArchiveReport(fileName, count, first, last, fileHash, row is not null, problem);
    }

    /// <summary>SHA-256 of a file, lower-case hex, read as a stream.</summary>
    public static async Task<string> FileHashAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    private static async Task<(long Count, long? First, long? Last, string? StartHash, string? HeadHash, string? Problem)> WalkAsync(
        string path, string? expectedStart, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        var count = 0L;
        long? first = null;
        string? start = null;
        var previous = expectedStart;
        var expectedSequence = 0L;
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            lineNumber++;
            if (AuditArchiveLine.Parse(text) is not { } line)
            {
                return (count, first, expectedSequence - 1, start, previous, $"line {lineNumber} is not an audit record");
            }

            if (first is null)
            {
                (first, start, expectedSequence) = (line.Sequence, line.PreviousHash, line.Sequence);
                previous ??= line.PreviousHash;
            }

            if (AuditLink.Problem(expectedSequence, previous!, line.Sequence, line.PreviousHash, line.Hash, line.Chained()) is { } problem)
            {
                return (count, first, expectedSequence - 1, start, previous, $"record {line.Sequence} (line {lineNumber}, reference {line.Reference}): {problem}");
            }

            previous = line.Hash;
            expectedSequence++;
            count++;
        }

        return count == 0
            ? (0, null, null, null, null, "the file holds no audit records")
            : (count, first, expectedSequence - 1, start, previous, null);
    }
}
