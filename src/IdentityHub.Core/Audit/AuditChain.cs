using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IdentityHub.Core.Audit;

/// <summary>The fields of an audit record that its hash covers, in a fixed order.</summary>
public sealed record ChainedFields(
    string Id,
    DateTimeOffset OccurredAt,
    string? UserId,
    string? ActorId,
    string? OrganizationId,
    string? ClientId,
    string? IpAddress,
    string? Device,
    string Event,
    string Outcome,
    string Reference,
    string? Detail);

/// <summary>
/// The hash chain that makes the audit trail tamper-evident (D9): each record's hash covers its fields, its
/// place in the chain and the hash of the record before it, so editing, removing or reordering any sealed
/// record breaks every link after it.
/// </summary>
public static class AuditChain
{
    /// <summary>What the first record of the chain names as the one before it.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// SHA-256, as lower-case hex, of the fields, the sequence and the previous hash. Each value is written
    /// with its length first, so no two different records serialize alike (a null differs from an empty value).
    /// </summary>
    public static string Hash(ChainedFields fields, long sequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(previousHash);
        var text = new StringBuilder();
        foreach (var value in Values(fields, sequence, previousHash))
        {
            text.Append(value is null ? "-1" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static IEnumerable<string?> Values(ChainedFields fields, long sequence, string previousHash) =>
    [
        sequence.ToString(CultureInfo.InvariantCulture),
        previousHash,
        fields.Id,
        fields.OccurredAt.ToUniversalTime().UtcTicks.ToString(CultureInfo.InvariantCulture),
        fields.UserId,
        fields.ActorId,
        fields.OrganizationId,
        fields.ClientId,
        fields.IpAddress,
        fields.Device,
        fields.Event,
        fields.Outcome,
        fields.Reference,
        fields.Detail,
    ];
}
