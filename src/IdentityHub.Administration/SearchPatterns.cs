namespace IdentityHub.Administration;

/// <summary>What people type in a search box, as a case-insensitive LIKE pattern (escape character <c>\</c>).</summary>
internal static class SearchPatterns
{
    public const string Escape = "\\";

    /// <summary>"Contains", upper-cased, with LIKE's own wildcards in the text matched literally.</summary>
    public static string Containing(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").ToUpperInvariant() + "%";
}
