namespace IdentityHub.Data.Audit;

/// <summary>
/// A run of sealed audit records moved out of the table into a file at the end of their retention (D9). The
/// file holds the records with their hashes; this row keeps where the chain continues, so that the records
/// left in the table still verify from <see cref="HeadHash"/> and the file verifies on its own.
/// </summary>
public class AuditArchive
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public DateTimeOffset ArchivedAt { get; set; }

    public long FirstSequence { get; set; }

    public long LastSequence { get; set; }

    public long Count { get; set; }

    /// <summary>The previous hash of the first archived record (64 zeros, or the head of the archive before).</summary>
    public required string StartHash { get; set; }

    /// <summary>The hash of the last archived record: the previous hash of the first record left in the table.</summary>
    public required string HeadHash { get; set; }

    /// <summary>The archive file's name in <c>IdentityHub:Audit:ArchiveFolder</c>.</summary>
    public required string FileName { get; set; }

    /// <summary>SHA-256 of the file, lower-case hex.</summary>
    public required string FileHash { get; set; }
}
