using Microsoft.Playwright;

namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>
/// Waits for a condition in the page, checked every 50 ms. Playwright's default checks it at every animation
/// frame, which keeps a headless Chromium drawing frames for as long as the wait lasts: on a busy 2-core
/// machine that was most of the browser's work in these tests.
/// </summary>
public static class DocumentWaits
{
    private static readonly PageWaitForFunctionOptions EveryFiftyMilliseconds = new() { PollingInterval = 50 };

    /// <summary>Until the JavaScript function given returns a truthy value.</summary>
    public static Task UntilAsync(IPage page, string condition) => page.WaitForFunctionAsync(condition, null, EveryFiftyMilliseconds);

    /// <summary>Until the document has loaded with everything it refers to.</summary>
    public static Task CompleteAsync(IPage page) => UntilAsync(page, "() => document.readyState === 'complete'");
}
