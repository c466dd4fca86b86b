using System.Globalization;

namespace IdentityHub.Hosting.Wording;

/// <summary>
/// The languages every page, message and error exists in (A14): English, the default, and Spanish. A tag
/// such as <c>es-US</c> or <c>es-419</c> means Spanish; anything else unknown means no choice.
/// </summary>
public static class SupportedLanguages
{
    public const string English = "en";
    public const string Spanish = "es";

    public static IReadOnlyList<string> All { get; } = [English, Spanish];

    public static IReadOnlyList<CultureInfo> Cultures { get; } = [.. All.Select(CultureInfo.GetCultureInfo)];

    /// <summary>The supported language a language tag names, or null.</summary>
    public static string? Match(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > 35)
        {
            return null;
        }

        var primary = tag.Trim().Split('-', '_')[0];
        return All.FirstOrDefault(language => string.Equals(language, primary, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The first supported language of a space-separated preference list (OpenID Connect <c>ui_locales</c>).</summary>
    public static string? FirstOf(string? preferences) =>
        preferences?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(10).Select(Match).FirstOrDefault(match => match is not null);

    /// <summary>The language of the current request (the UI culture chosen by the request localization middleware).</summary>
    public static string Current => Match(CultureInfo.CurrentUICulture.Name) ?? English;

    /// <summary>The name of a language in that language, for the switch ("English", "Español").</summary>
    public static string NativeName(string language) => language switch
    {
        Spanish => "Español",
        _ => "English",
    };
}
