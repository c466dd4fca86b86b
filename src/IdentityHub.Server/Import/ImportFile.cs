namespace IdentityHub.Server.Import;

public enum ImportFormat
{
    Csv,
    Json,
}

/// <summary>The rows of an import file, or why the file as a whole cannot be read.</summary>
public sealed record ImportFile(IReadOnlyList<ImportRow> Rows, string? Error)
{
    /// <summary>The format named by the file's extension (<c>.csv</c>, <c>.json</c>), if any.</summary>
    public static ImportFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => ImportFormat.Csv,
        ".json" => ImportFormat.Json,
        _ => null,
    };

    /// <summary>Reads the file; a missing, unreadable or malformed file gives <see cref="Error"/>, never an exception.</summary>
    public static async Task<ImportFile> ReadAsync(string path, ImportFormat format, CancellationToken cancellationToken = default)
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

        return format == ImportFormat.Csv ? CsvImportReader.Read(text) : JsonImportReader.Read(text);
    }

    public static ImportFile Fail(string error) => new([], error);
}
