using System.Text.Json;
using System.Text.Json.Serialization;
using IdentityHub.Core.Audit;

namespace IdentityHub.Data.Audit;

/// <summary>
/// One archived audit record: a line of JSON (JSON Lines) holding every field its hash covers, its place in
/// the chain, the previous record's hash and its own. The time is written with all seven fractional digits,
/// so the hash recomputed from the line is the one computed from the table.
/// </summary>
public sealed record AuditArchiveLine(
    long Sequence,
    string PreviousHash,
    string Hash,
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
    string? Detail)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A sealed record as a line (it must be sealed: an unsealed one is never archived).</summary>
    public static AuditArchiveLine Of(AuditEvent record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Sequence is not { } sequence || record.PreviousHash is null || record.Hash is null)
        {
            throw new InvalidOperationException($"The audit record {record.Id} is not sealed; only sealed records are archived.");
        }

        return new(sequence, record.PreviousHash, record.Hash, record.Id, record.OccurredAt.ToUniversalTime(), record.UserId, record.ActorId,
            record.OrganizationId, record.ClientId, record.IpAddress, record.Device, record.Event, record.Outcome, record.Reference, record.Detail);
    }

    /// <summary>The line read back; null when it is not one (malformed JSON or a missing field).</summary>
    public static AuditArchiveLine? Parse(string line)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<AuditArchiveLine>(line, Json);
            return parsed is { PreviousHash: not null, Hash: not null, Id: not null, Event: not null, Outcome: not null, Reference: not null } ? parsed : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public ChainedFields Chained() =>
        new(Id, OccurredAt, UserId, ActorId, OrganizationId, ClientId, IpAddress, Device, Event, Outcome, Reference, Detail);
}
