namespace IdentityHub.Server.Import;

/// <summary>
/// CSV as RFC 4180 writes it: a header row naming the columns (any order, any case), fields separated
/// by commas, fields with commas, quotes or line breaks in double quotes with quotes doubled. Blank
/// lines are skipped. Unknown or missing required columns and an unclosed quote make the file unreadable;
/// a row with the wrong number of fields is only that row's problem.
/// </summary>
internal static class CsvImportReader
{
    public static ImportFile Read(string text)
    {
        var records = new List<(int Line, List<string> Fields)>();
        if (CsvRecords.Split(text, records) is { } error)
        {
            return ImportFile.Fail(error);
        }

        if (records.Count == 0)
        {
            return ImportFile.Fail("The file is empty: it needs a header row (" + string.Join(',', ImportFields.All) + ").");
        }

        var header = records[0].Fields.Select(name => name.Trim().ToLowerInvariant()).ToList();
        var unknown = header.Where(name => !ImportFields.All.Contains(name)).ToList();
        var missing = ImportFields.Required.Where(name => !header.Contains(name)).ToList();
        var repeated = header.GroupBy(name => name).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (unknown.Count > 0 || missing.Count > 0 || repeated.Count > 0)
        {
            var problems = new List<string>();
            if (unknown.Count > 0)
            {
                problems.Add("unknown column(s) " + string.Join(", ", unknown.Select(name => $"'{name}'")));
            }

            if (missing.Count > 0)
            {
                problems.Add("missing column(s) " + string.Join(", ", missing));
            }

            if (repeated.Count > 0)
            {
                problems.Add("repeated column(s) " + string.Join(", ", repeated));
            }

            return ImportFile.Fail($"The header row (line 1) has {string.Join("; ", problems)}. Columns: {string.Join(',', ImportFields.All)}.");
        }

        var rows = records.Skip(1).Select(record => record.Fields.Count == header.Count
            ? ImportFields.ToRow(record.Line, header.Zip(record.Fields).ToDictionary(pair => pair.First, pair => (string?)pair.Second))
            : new ImportRow(record.Line) { ReadProblem = $"The row has {record.Fields.Count} field(s); the header has {header.Count}." });
        return new ImportFile([.. rows], null);
    }
}
