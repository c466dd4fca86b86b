using IdentityHub.Core.Audit;

namespace IdentityHub.Data.Audit;

/// <summary>
/// One link of the audit chain checked against the one before it, the same way wherever the records are
/// (the table, an archive file): its place, the hash it names as the previous one, and its own hash.
/// </summary>
public static class AuditLink
{
    /// <summary>What is wrong with the record at its place, in words; null when it links.</summary>
    public static string? Problem(long expectedSequence, string expectedPrevious, long sequence, string? previousHash, string? hash, ChainedFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (sequence != expectedSequence)
        {
            return sequence > expectedSequence
                ? $"records {expectedSequence} to {sequence - 1} are missing"
                : $"it repeats or reorders record {sequence} where record {expectedSequence} was expected";
        }

        if (previousHash != expectedPrevious)
        {
            return "it does not name the hash of the record before it";
        }

        return hash != AuditChain.Hash(fields, sequence, expectedPrevious) ? "its contents do not match its hash" : null;
    }
}
