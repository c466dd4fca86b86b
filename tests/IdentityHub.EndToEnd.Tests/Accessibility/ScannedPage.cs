using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>
/// A page walked in a language and scanned as it goes. Its steps find fields and buttons by their ids,
/// never by their words, so that the same journey walks the English pages and the Spanish ones.
/// </summary>
public sealed class ScannedPage(IPage page, PageLanguage language)
{
    /// <summary>A page in a context of its own that asks for the language, with axe-core in each document it loads.</summary>
    public static async Task<ScannedPage> OpenAsync(BrowserSession browser, PageLanguage language)
    {
        var page = await browser.NewPageAsync(language.ContextOptions());
        await AxeScan.AddToContextAsync(page.Context);
        return new ScannedPage(page, language);
    }

    public IPage Page => page;

    public PageLanguage Language => language;

    /// <summary>The page's language, then axe-core on the page as it is now.</summary>
    public async Task ScanAsync(string state)
    {
        await language.ExpectPageLanguage(page);
        await AxeScan.ExpectNoViolationsAsync(page, $"{state} [{language}]");
    }

    /// <summary>Opens a path of the site and scans it.</summary>
    public async Task OpenAndScanAsync(Uri site, string path, string state)
    {
        await page.GotoAsync(new Uri(site, path).ToString());
        await ScanAsync(state);
    }

    public Task FillAsync(string id, string value) => page.Locator("#" + id).FillAsync(value);

    /// <summary>Waits for the element that shows the page has come.</summary>
    public Task ExpectAsync(string id) => Expect(page.Locator("#" + id)).ToBeVisibleAsync();

    /// <summary>Presses a button or link and waits for the document that answers (which may be the same page again, with an error).</summary>
    public Task SubmitAsync(string id) => NextDocumentAfterAsync(() => page.Locator("#" + id).ClickAsync());

    /// <summary>Does what leads to another document, then waits until that document has loaded.</summary>
    public async Task NextDocumentAfterAsync(Func<Task> action)
    {
        await page.EvaluateAsync("() => { window.__scannedOldDocument = true; }");
        await action();
        await DocumentWaits.UntilAsync(page, "() => window.__scannedOldDocument === undefined && document.readyState === 'complete'");
    }
}
