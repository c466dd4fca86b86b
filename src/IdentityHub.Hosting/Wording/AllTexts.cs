using Microsoft.Extensions.Localization;

namespace IdentityHub.Hosting.Wording;

/// <summary>
/// Any text by its key, whichever resource file holds it: for validation messages (a model's
/// <c>ErrorMessage</c> is a key) and for code that names a text without knowing its page.
/// </summary>
public sealed class AllTexts(WordingCatalog catalog, IStringLocalizerFactory factory) : IStringLocalizer
{
    public LocalizedString this[string name] =>
        catalog.ResourceOf(name) is { } source ? factory.Create(source)[name] : new LocalizedString(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        catalog.ResourceOf(name) is { } source ? factory.Create(source)[name, arguments] : new LocalizedString(name, name, resourceNotFound: true);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalog.Texts.Select(text => this[text.Key]);
}
