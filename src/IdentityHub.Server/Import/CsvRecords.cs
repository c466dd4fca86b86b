using System.Text;

namespace IdentityHub.Server.Import;

/// <summary>
/// RFC 4180 records, shared by the CSV files the commands read (<c>import-users</c>, <c>import-members</c>): fields
/// separated by commas, fields with commas, quotes or line breaks in double quotes with quotes doubled, blank lines
/// skipped, each record with the line it starts on.
/// </summary>
internal static class CsvRecords
{
    /// <summary>Splits the text into records with the line each starts on; returns an error for an unclosed quote.</summary>
    public static string? Split(string text, List<(int Line, List<string> Fields)> records)
    {
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var endOfRecord = false;
            while (i < text.Length && !endOfRecord)
            {
                var c = text[i++];
                if (quoted)
                {
                    if (c == '"' && i < text.Length && text[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        line += c == '\n' ? 1 : 0;
                        field.Append(c);
                    }
                }
                else if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else if (c is '\r' or '\n')
                {
                    if (c == '\r' && i < text.Length && text[i] == '\n')
                    {
                        i++;
                    }

                    line++;
                    endOfRecord = true;
                }
                else
                {
                    field.Append(c);
                }
            }

            if (quoted)
            {
                return $"Line {start}: a quoted field is not closed before the end of the file.";
            }

            fields.Add(field.ToString());
            if (fields.Count > 1 || fields[0].Trim().Length > 0)
            {
                records.Add((start, fields));
            }
        }

        return null;
    }
}
