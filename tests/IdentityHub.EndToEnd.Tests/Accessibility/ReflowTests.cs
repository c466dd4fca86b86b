using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>
/// The main pages at 200 % and 400 % zoom and on a phone, without scrolling sideways (A14, WCAG 1.4.10
/// Reflow): a 1280-pixel-wide window at 200 % lays a page out in 640 CSS pixels, at 400 % in 320 (the width
/// WCAG names), and a common phone is 360 CSS pixels wide. Each page is laid out at each width and must not
/// be wider than the window, with its main controls shown whole inside it.
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class ReflowTests(AccessibilityLandscape landscape, BrowserSession browser)
{
    /// <summary>CSS pixels: 1280 at 200 %, a 360-pixel phone, 1280 at 400 %.</summary>
    private static readonly int[] Widths = [640, 360, 320];

    private const string AdministratorEmail = "demo-admin@example.org";

    [BrowserFact]
    public async Task The_main_pages_reflow_at_200_and_400_percent_zoom_and_on_a_phone_without_sideways_scrolling()
    {
        // A zoomed desktop browser: twice the device pixels per CSS pixel.
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new() { Width = 640, Height = 800 }, DeviceScaleFactor = 2 });
        var server = landscape.Server;

        await page.GotoAsync(server.ToString());
        await ExpectReflowAsync(page, "portal landing");
        await page.GotoAsync(new Uri(server, "account/forgot-password").ToString());
        await ExpectReflowAsync(page, "forgot password", "Input_Username", "Input_Email", "next");
        await page.GotoAsync(new Uri(server, "organizations/register").ToString());
        await ExpectReflowAsync(page, "organization registration", "Input_Name", "Input_TaxId", "send-request");

        // The platform administrator's first sign-in, at a portal: every page of the wizard.
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(page).ClickAsync();
        await ExpectReflowAsync(page, "sign-in", "Input_Username", "Input_Password", "sign-in");
        await EnterPasswordAsync(page, landscape, landscape.PlatformAdministrator.Password, landscape.PlatformAdministrator.UserName);
        await ExpectReflowAsync(page, "enrollment, choose a method", "method-email", "continue");
        await page.Locator("#method-email").CheckAsync();
        await page.Locator("#continue").ClickAsync();
        await ExpectReflowAsync(page, "enrollment, email address", "Email", "send-code");
        await page.Locator("#Email").FillAsync(AdministratorEmail);
        await page.Locator("#send-code").ClickAsync();
        await ExpectReflowAsync(page, "enrollment, verify the code", "Code", "verify", "resend");
        await page.Locator("#Code").FillAsync(landscape.NewestEmailedCode(AdministratorEmail));
        await page.Locator("#verify").ClickAsync();
        await ExpectReflowAsync(page, "terms", "FirstName", "LastName", "accept-terms");
        await page.Locator("#FirstName").FillAsync("Pat");
        await page.Locator("#LastName").FillAsync("Platform");
        await page.Locator("#accept-terms").ClickAsync();
        await ExpectReflowAsync(page, "recovery codes", "recovery-codes", "download-codes", "saved-codes");
        await page.Locator("#saved-codes").ClickAsync();
        await Expect(SignedInAs(page)).ToBeVisibleAsync();

        // The account's pages.
        await page.GotoAsync(new Uri(server, "account/security").ToString());
        await ExpectReflowAsync(page, "account security", "methods", "add-method", "sign-out-everywhere");
        await page.GotoAsync(new Uri(server, "account/profile").ToString());
        await ExpectReflowAsync(page, "profile", "GivenName", "save-name");
        await page.GotoAsync(new Uri(server, "account/passkeys").ToString());
        await ExpectReflowAsync(page, "passkeys");

        // The next sign-in's code challenge.
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await page.Locator("#sign-out").ClickAsync();
        await ExpectReflowAsync(page, "sign out", "confirm-sign-out");
        await page.Locator("#confirm-sign-out").ClickAsync();
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape, landscape.PlatformAdministrator.Password, landscape.PlatformAdministrator.UserName);
        await ExpectReflowAsync(page, "code challenge", "Code", "verify", "resend", "use-recovery-code");
    }

    /// <summary>At each width: the page no wider than the window, and each control shown whole within it.</summary>
    private static async Task ExpectReflowAsync(IPage page, string state, params string[] controls)
    {
        await DocumentWaits.CompleteAsync(page);
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 800);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            var (scrollWidth, clientWidth) = (widths[0], widths[1]);
            Assert.True(scrollWidth <= clientWidth, $"{state} at {width} CSS px scrolls sideways: {scrollWidth} px of content in {clientWidth}.");
            foreach (var id in controls)
            {
                var control = page.Locator("#" + id);
                await Expect(control).ToBeVisibleAsync();
                var box = await control.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException($"#{id} has no box on {state}.");
                Assert.True(box.X >= 0 && box.X + box.Width <= clientWidth + 0.5, $"#{id} on {state} at {width} CSS px is not inside the window: {box.X}..{box.X + box.Width} of {clientWidth}.");
            }
        }

        await page.SetViewportSizeAsync(Widths[0], 800);
    }
}
