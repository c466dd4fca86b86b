using Microsoft.Playwright;

namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>
/// A person without a mouse: focus moves by Tab (or Shift+Tab) only, and every key is typed into the element
/// that has the focus, after checking it is the one meant. Nothing is clicked and no field is filled directly.
/// </summary>
public sealed class KeyboardOnly(IPage page)
{
    /// <summary>More tab stops than any page has: a page where the element is not reached this way fails.</summary>
    private const int MaxTabStops = 60;

    /// <summary>Presses Tab until the focused element matches the CSS selector (it may have the focus already, e.g. autofocus).</summary>
    public async Task TabToAsync(string selector, bool backwards = false)
    {
        await DocumentWaits.CompleteAsync(page);
        for (var stop = 0; stop <= MaxTabStops; stop++)
        {
            if (await FocusedIsAsync(selector))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        var focused = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : 'nothing'");
        throw new Xunit.Sdk.XunitException($"Tab did not reach {selector} on {page.Url} in {MaxTabStops} stops; the focus is on {focused}.");
    }

    /// <summary>Tabs to the element, then types the text into it.</summary>
    public async Task TypeIntoAsync(string selector, string text)
    {
        await TabToAsync(selector);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs to the element, then presses a key on it (Enter on a button or a link, Space on a radio button).</summary>
    public async Task PressOnAsync(string selector, string key)
    {
        await TabToAsync(selector);
        await page.Keyboard.PressAsync(key);
    }

    /// <summary>Presses a key on the focused element and waits for the next document to load.</summary>
    public async Task PressForNextPageAsync(string selector, string key = "Enter")
    {
        await TabToAsync(selector);
        await page.EvaluateAsync("() => { window.__keyboardOldDocument = true; }");
        await page.Keyboard.PressAsync(key);
        await DocumentWaits.UntilAsync(page, "() => window.__keyboardOldDocument === undefined && document.readyState === 'complete'");
    }

    private Task<bool> FocusedIsAsync(string selector) =>
        page.EvaluateAsync<bool>("selector => !!document.activeElement && document.activeElement.matches(selector)", selector);
}
