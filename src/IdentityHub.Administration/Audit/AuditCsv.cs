using System.Globalization;
using System.Text;

namespace IdentityHub.Administration.Audit;

/// <summary>
/// Audit events as CSV (RFC 4180): a header line, one line per event ending in CRLF, a cell quoted when it
/// holds a comma, a quote or a line break (quotes doubled). A text cell that a spreadsheet would run as a
/// formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe: the export is read
/// in spreadsheets, and its cells come from what people typed (a detail, a device, a user id).
/// </summary>
public static class AuditCsv
{
    public const string Header = "occurredAt,event,outcome,actorId,userId,organizationId,clientId,ipAddress,device,reference,detail,sequence,hash,id";

    /// <summary>How many lines are written between flushes to the client.</summary>
    private const int FlushEvery = 1000;

    public static async Task<long> WriteAsync(Stream body, IAsyncEnumerable<AuditEventView> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        var line = new StringBuilder(512);
        line.Append(Header).Append("\r\n");
        await writer.WriteAsync(line, cancellationToken);
        var count = 0L;
        await foreach (var item in events.WithCancellation(cancellationToken))
        {
            line.Clear();
            Line(line, item);
            await writer.WriteAsync(line, cancellationToken);
            if (++count % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>One event's line, CRLF included.</summary>
    public static void Line(StringBuilder line, AuditEventView item)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(item);
        line.Append(item.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)).Append(',');
        Cell(line, item.Event).Append(',');
        Cell(line, item.Outcome).Append(',');
        Cell(line, item.ActorId).Append(',');
        Cell(line, item.UserId).Append(',');
        Cell(line, item.OrganizationId).Append(',');
        Cell(line, item.ClientId).Append(',');
        Cell(line, item.IpAddress).Append(',');
        Cell(line, item.Device).Append(',');
        Cell(line, item.Reference).Append(',');
        Cell(line, item.Detail).Append(',');
        line.Append(item.Sequence?.ToString(CultureInfo.InvariantCulture)).Append(',');
        Cell(line, item.Hash).Append(',');
        Cell(line, item.Id).Append("\r\n");
    }

    /// <summary>A text cell: empty for none, neutralised when a spreadsheet would read it as a formula, quoted when it must be.</summary>
    public static StringBuilder Cell(StringBuilder line, string? value)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (string.IsNullOrEmpty(value))
        {
            return line;
        }

        var formula = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return (formula ? line.Append('\'') : line).Append(value);
        }

        line.Append('"');
        if (formula)
        {
            line.Append('\'');
        }

        return line.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
