using System.Text;

namespace IdentityHub.Server.Terms;

/// <summary>
/// The text of a new terms version read from a file (UTF-8 plain text or Markdown, shown as paragraphs
/// separated by blank lines): either the text, with line endings made <c>\n</c>, or one sentence saying
/// why the file cannot be used.
/// </summary>
public sealed record TermsFile(string? Text, string? Error)
{
    /// <summary>Far more than any terms text; a bigger file is almost certainly the wrong one.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<TermsFile> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                return Refuse($"'{path}' is a folder, not a file.");
            }

            if (!File.Exists(path))
            {
                return Refuse($"There is no file '{Path.GetFullPath(path)}'.");
            }

            if (new FileInfo(path).Length > MaxBytes)
            {
                return Refuse($"The file '{path}' is larger than {MaxBytes / 1024} KB; terms are plain text.");
            }

            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Refuse($"The file '{path}' cannot be read: {exception.Message}");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Refuse($"The file '{path}' is not UTF-8 text.");
        }

        text = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Trim();
        if (text.Length == 0)
        {
            return Refuse($"The file '{path}' is empty.");
        }

        return text.Contains('\0', StringComparison.Ordinal)
            ? Refuse($"The file '{path}' is not text (it contains NUL characters).")
            : new TermsFile(text, null);
    }

    private static TermsFile Refuse(string error) => new(null, error);
}
