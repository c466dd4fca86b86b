using System.Text.RegularExpressions;

namespace IdentityHub.EndToEnd.Tests;

public static partial class Codes
{
    /// <summary>The six-digit code in a message.</summary>
    public static string In(string? text) =>
        SixDigits().Match(text ?? "") is { Success: true } match ? match.Value : throw new Xunit.Sdk.XunitException("No code in: " + text);

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
