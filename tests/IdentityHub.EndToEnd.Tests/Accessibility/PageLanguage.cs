using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>
/// The language a journey is walked in: what the browser asks for (its locale and Accept-Language) and
/// what the pages' <c>&lt;html lang&gt;</c> must start with.
/// </summary>
public sealed record PageLanguage(string Code, string Locale, string AcceptLanguage)
{
    public static readonly PageLanguage English = new("en", "en-US", "en-US,en;q=0.9");

    /// <summary>Spanish as a US member's browser asks for it.</summary>
    public static readonly PageLanguage Spanish = new("es", "es-US", "es-US,es;q=0.9");

    /// <summary>A browser context that asks for this language.</summary>
    public BrowserNewContextOptions ContextOptions() => new()
    {
        Locale = Locale,
        ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = AcceptLanguage },
    };

    /// <summary>The page's <c>&lt;html lang&gt;</c> starts with this language's code.</summary>
    public async Task ExpectPageLanguage(IPage page)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex($"^{Code}(-|$)"));
    }

    public override string ToString() => Code;
}
