using IdentityHub.Server.Import;

namespace IdentityHub.Server.Members.Import;

/// <summary>One data row of a roster file: its line, and its values by column (<see cref="MemberColumns"/>).</summary>
internal sealed record MemberRow(int Line, IReadOnlyDictionary<string, string> Values, string? ReadProblem = null)
{
    public string? this[string column] => Values.TryGetValue(column, out var value) && value.Trim() is { Length: > 0 } text ? text : null;
}

/// <summary>
/// A roster file read (CSV with a header row, <see cref="CsvRecords"/>): its rows, the columns it had that are not
/// used, or why the file as a whole cannot be used (missing, unreadable, no header, a required column missing).
/// </summary>
internal sealed record MemberFile(IReadOnlyList<MemberRow> Rows, IReadOnlyList<string> IgnoredColumns, string? Error)
{
    public static async Task<MemberFile> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // dotnet run starts the server in its project folder, not where the command was typed.
            var hint = Path.IsPathRooted(path) ? "" : $" A relative path is read from {Environment.CurrentDirectory}; with dotnet run give the full path, e.g. \"$PWD/{path}\".";
            return Fail($"Cannot read {path}: {exception.Message}{hint}");
        }

        return Read(text);
    }

    public static MemberFile Read(string text)
    {
        var records = new List<(int Line, List<string> Fields)>();
        if (CsvRecords.Split(text, records) is { } error)
        {
            return Fail(error);
        }

        if (records.Count == 0)
        {
            return Fail($"The file is empty: it needs a header row ({string.Join(',', MemberColumns.Required)}, and optionally {MemberColumns.FirstName},{MemberColumns.PatientId},{MemberColumns.Email},{MemberColumns.CoverageEnds}).");
        }

        var header = records[0].Fields.Select(name => MemberColumns.Of(name)).ToList();
        var ignored = records[0].Fields.Where((_, index) => header[index] is null).Select(name => name.Trim()).ToList();
        var missing = MemberColumns.Required.Where(column => !header.Contains(column)).ToList();
        var repeated = header.OfType<string>().GroupBy(column => column).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (missing.Count > 0 || repeated.Count > 0)
        {
            var problems = new List<string>();
            if (missing.Count > 0)
            {
                problems.Add($"no column for {string.Join(", ", missing)}");
            }

            if (repeated.Count > 0)
            {
                problems.Add($"more than one column for {string.Join(", ", repeated)}");
            }

            return Fail($"The header row (line {records[0].Line}) has {string.Join("; ", problems)}. Required: {string.Join(',', MemberColumns.Required)} (docs/members.md lists the spellings accepted).");
        }

        var rows = records.Skip(1).Select(record => record.Fields.Count == header.Count
            ? new MemberRow(record.Line, header.Zip(record.Fields).Where(pair => pair.First is not null).ToDictionary(pair => pair.First!, pair => pair.Second, StringComparer.Ordinal))
            : new MemberRow(record.Line, new Dictionary<string, string>(), $"The row has {record.Fields.Count} field(s); the header has {header.Count}."));
        return new MemberFile([.. rows], ignored, null);
    }

    public static MemberFile Fail(string error) => new([], [], error);
}
