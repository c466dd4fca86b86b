using System.Text;
using System.Text.Json;

namespace IdentityHub.Server.Import;

/// <summary>
/// JSON: an array of objects with the CSV's column names as properties, each a string or null (or
/// left out). Anything else in an entry makes that entry rejected; a file that is not a JSON array is
/// unreadable, with the line where parsing stopped.
/// </summary>
internal static class JsonImportReader
{
    public static ImportFile Read(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var rows = new List<ImportRow>();
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return ImportFile.Fail("The file must hold a JSON array of objects, one per user: [ { \"username\": ... }, ... ].");
            }

            var (line, counted) = (1, 0);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                // Lines counted incrementally, so a large file is read in one pass.
                for (; counted < reader.TokenStartIndex; counted++)
                {
                    line += bytes[counted] == '\n' ? 1 : 0;
                }

                using var entry = JsonDocument.ParseValue(ref reader);
                rows.Add(ToRow(line, entry.RootElement));
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
            {
                return ImportFile.Fail("The JSON array is not closed, or something follows it.");
            }
        }
        catch (JsonException exception)
        {
            return ImportFile.Fail($"The file is not valid JSON (line {exception.LineNumber + 1}): {exception.Message.Split(" LineNumber:")[0]}");
        }

        return new ImportFile(rows, null);
    }

    private static ImportRow ToRow(int line, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return new ImportRow(line) { ReadProblem = "The entry is not an object." };
        }

        var values = new Dictionary<string, string?>();
        var problems = new List<string>();
        foreach (var property in entry.EnumerateObject())
        {
            var name = property.Name.ToLowerInvariant();
            if (!ImportFields.All.Contains(name))
            {
                problems.Add($"Unknown field '{property.Name}'.");
            }
            else if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                problems.Add($"The field '{property.Name}' must be text.");
            }
            else
            {
                values[name] = property.Value.GetString();
            }
        }

        var row = ImportFields.ToRow(line, values);
        return problems.Count == 0 ? row : row with { ReadProblem = string.Join(' ', problems) };
    }
}
