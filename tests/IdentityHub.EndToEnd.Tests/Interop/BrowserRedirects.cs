using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests.Interop;

/// <summary>
/// The browser part of a client library's flow: Chromium opens the URL the library made, the person signs in (or
/// confirms signing out) at IdentityHub, and the redirect back to the client's registered address is caught before
/// it leaves the browser (no app listens there) and handed back to the library, as a native app's browser would.
/// </summary>
public static class BrowserRedirects
{
    private const string BackAtTheClient = "Back at the client";

    /// <summary>Signs the demo user in (password and emailed code) from <paramref name="startUrl"/>; the URL the browser was sent back to.</summary>
    public static Task<Uri> SignInAsync(IPage page, PortalLandscape landscape, string startUrl, Uri redirectUri) =>
        CatchRedirectAsync(page, startUrl, redirectUri, async () =>
        {
            await EnterPasswordAsync(page, landscape);
            await EnterEmailedCodeAsync(page, landscape);
        });

    /// <summary>Opens an end-session URL and confirms signing out; the URL the browser was sent back to.</summary>
    public static Task<Uri> SignOutAsync(IPage page, string endSessionUrl, Uri postLogoutRedirectUri) =>
        CatchRedirectAsync(page, endSessionUrl, postLogoutRedirectUri, async () =>
        {
            await Expect(Heading(page, "Sign out")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign out", Exact = true }).ClickAsync();
        });

    private static async Task<Uri> CatchRedirectAsync(IPage page, string startUrl, Uri target, Func<Task> steps)
    {
        var prefix = target.GetLeftPart(UriPartial.Path);
        var caught = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(url => url.StartsWith(prefix, StringComparison.Ordinal), async route =>
        {
            caught.TrySetResult(new Uri(route.Request.Url));
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = $"<!doctype html><title>{BackAtTheClient}</title><h1>{BackAtTheClient}</h1>" });
        });
        await page.GotoAsync(startUrl);
        await steps();
        await Expect(Heading(page, BackAtTheClient)).ToBeVisibleAsync();
        await page.UnrouteAllAsync();
        return await caught.Task;
    }
}
