using System.Text;
using System.Text.Json;
using IdentityHub.Administration.Audit;

namespace IdentityHub.Administration.Tests.Audit;

/// <summary>The export writers (D9): CSV as RFC 4180 with formulas neutralised, JSON as one array, both written as the events come.</summary>
public sealed class AuditExportTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Csv_has_a_header_quotes_what_needs_quoting_and_neutralises_formulas()
    {
        var text = await WriteAsync(AuditExportFormat.Csv,
            View("plain") with { Detail = "said \"hello\", then left", Device = "=HYPERLINK(\"http://evil\")" },
            View("second") with { Detail = "+1 555 0100", UserId = "@admin", ActorId = "-2+3", ClientId = "line\nbreak" });

        var lines = text.Split("\r\n");
        Assert.Equal(AuditCsv.Header, lines[0]);
        Assert.Equal(
            "2026-03-01T14:30:00.0000000Z,signin.password,succeeded,,user-1,org-1,provider-portal,203.0.113.9,\"'=HYPERLINK(\"\"http://evil\"\")\",4F7K-9QXM,\"said \"\"hello\"\", then left\",7,abc,plain",
            lines[1]);
        Assert.Equal("2026-03-01T14:30:00.0000000Z,signin.password,succeeded,'-2+3,'@admin,org-1,\"line\nbreak\",203.0.113.9,,4F7K-9QXM,'+1 555 0100,7,abc,second", lines[2]);
        Assert.Equal("", lines[3]);
    }

    [Fact]
    public async Task Json_is_one_array_of_the_events_with_the_apis_names()
    {
        var text = await WriteAsync(AuditExportFormat.Json, View("a"), View("b") with { Sequence = null, Detail = "ñandú" });

        var array = JsonDocument.Parse(text).RootElement;
        Assert.Equal(2, array.GetArrayLength());
        Assert.Equal(("a", 7, "2026-03-01T14:30:00+00:00"), (array[0].GetProperty("id").GetString(), array[0].GetProperty("sequence").GetInt32(), array[0].GetProperty("occurredAt").GetString()));
        Assert.Equal((JsonValueKind.Null, "ñandú", JsonValueKind.Null), (array[1].GetProperty("sequence").ValueKind, array[1].GetProperty("detail").GetString(), array[1].GetProperty("actorId").ValueKind));
    }

    [Theory]
    [InlineData(null, true, AuditExportFormat.Csv)]
    [InlineData("CSV", true, AuditExportFormat.Csv)]
    [InlineData(" json ", true, AuditExportFormat.Json)]
    [InlineData("xlsx", false, AuditExportFormat.Csv)]
    public void The_format_is_csv_unless_json_is_asked(string? text, bool known, AuditExportFormat expected)
    {
        Assert.Equal(known, AuditExport.TryParse(text, out var format));
        Assert.Equal(expected, format);
    }

    private static AuditEventView View(string id) =>
        new(id, At, "signin.password", "succeeded", null, "user-1", "org-1", "provider-portal", "203.0.113.9", null, "4F7K-9QXM", null, 7, "abc");

    private static async Task<string> WriteAsync(AuditExportFormat format, params AuditEventView[] events)
    {
        using var body = new MemoryStream();
        Assert.Equal(events.Length, await AuditExport.WriteAsync(format, body, ToAsync(events)));
        return Encoding.UTF8.GetString(body.ToArray());
    }

    private static async IAsyncEnumerable<AuditEventView> ToAsync(IEnumerable<AuditEventView> events)
    {
        foreach (var item in events)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
