namespace IdentityHub.Administration.Audit;

/// <summary>The formats an audit export is written in.</summary>
public enum AuditExportFormat
{
    Csv,
    Json,
}

/// <summary>
/// Writes audit events to a stream as they are read (D9): CSV (<see cref="AuditCsv"/>) or a JSON array
/// (<see cref="AuditJson"/>), flushed every so often, so a year of a large plan's events goes out a piece at a
/// time and is never held in memory.
/// </summary>
public static class AuditExport
{
    /// <summary>"csv" or "json", in any case; nothing means CSV. False for anything else.</summary>
    public static bool TryParse(string? text, out AuditExportFormat format)
    {
        format = AuditExportFormat.Csv;
        var name = text?.Trim() ?? "";
        if (name.Length == 0 || name.Equals("csv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (name.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            format = AuditExportFormat.Json;
            return true;
        }

        return false;
    }

    public static string ContentType(AuditExportFormat format) =>
        format == AuditExportFormat.Json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8; header=present";

    /// <summary>The download's file name, with the time it was made ("audit-20260301-143000Z.csv").</summary>
    public static string FileName(AuditExportFormat format, DateTimeOffset now) =>
        $"audit-{now.UtcDateTime:yyyyMMdd-HHmmss}Z.{(format == AuditExportFormat.Json ? "json" : "csv")}";

    /// <summary>Writes every event to <paramref name="body"/>; returns how many were written.</summary>
    public static Task<long> WriteAsync(AuditExportFormat format, Stream body, IAsyncEnumerable<AuditEventView> events, CancellationToken cancellationToken = default) =>
        format == AuditExportFormat.Json
            ? AuditJson.WriteAsync(body, events, cancellationToken)
            : AuditCsv.WriteAsync(body, events, cancellationToken);
}
