using System.Globalization;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Hosting.Wording;

/// <summary>
/// A resource file's texts with the plan's replacements on top: the current portal's, then the deployment's,
/// in the current language (<see cref="CultureInfo.CurrentUICulture"/>), then the resource file's.
/// </summary>
public sealed class WordingLocalizer(IStringLocalizer resources, WordingOverrides overrides, ICurrentPortal portal) : IStringLocalizer
{
    public LocalizedString this[string name] =>
        overrides.Find(portal.ClientId, SupportedLanguages.Current, name) is { } text ? new LocalizedString(name, text) : resources[name];

    public LocalizedString this[string name, params object[] arguments] =>
        overrides.Find(portal.ClientId, SupportedLanguages.Current, name) is { } text
            ? new LocalizedString(name, Format(text, arguments))
            : resources[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => resources.GetAllStrings(includeParentCultures);

    /// <summary>A plan's text with a placeholder it should not have ({3} where there is no fourth value) shows as written, not as an error page.</summary>
    private static string Format(string text, object[] arguments)
    {
        try
        {
            return string.Format(CultureInfo.CurrentCulture, text, arguments);
        }
        catch (FormatException)
        {
            return text;
        }
    }
}
