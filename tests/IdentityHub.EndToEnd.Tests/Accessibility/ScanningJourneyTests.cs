namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>
/// Every page and page state of the token server a person sees, scanned with axe-core (WCAG 2.0, 2.1 and
/// 2.2, A and AA) as a few journeys walk them, in English and in Spanish (A14): a violation fails the test
/// and names the rule, the elements and the page state. The four journeys (a newcomer, the public pages,
/// each in both languages) walk at the same time, each in a browser context of its own.
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class ScanningJourneyTests(AccessibilityLandscape landscape, BrowserSession browser)
{
    [BrowserFact]
    public Task Every_page_and_state_a_newcomer_and_a_visitor_see_has_no_violation_in_English_and_in_Spanish() =>
        Journeys.WalkTogetherAsync(
            new("A newcomer in English", () => NewcomerAsync(PageLanguage.English)),
            new("A newcomer in Spanish", () => NewcomerAsync(PageLanguage.Spanish)),
            new("The public pages in English", () => PublicPagesAsync(PageLanguage.English)),
            new("The public pages in Spanish", () => PublicPagesAsync(PageLanguage.Spanish)));

    /// <summary>A page with an image without text and an unlabelled field, served to a journey's browser context (axe-core added to each document) and written into a plain page (axe-core sent in at the scan).</summary>
    [BrowserFact]
    public async Task The_scan_fails_on_a_page_with_violations_and_names_them()
    {
        const string broken = """<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main><img src="data:,"><input type="text"></main></body></html>""";
        var scanned = await ScannedPage.OpenAsync(browser, PageLanguage.English);
        await scanned.Page.RouteAsync("http://broken.example/", route => route.FulfillAsync(new() { ContentType = "text/html", Body = broken }));
        await scanned.Page.GotoAsync("http://broken.example/");
        Assert.True(await scanned.Page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"), "axe-core is not in the documents of a journey's browser context.");
        var plain = await browser.NewPageAsync();
        await plain.SetContentAsync(broken);

        var inJourney = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => scanned.ScanAsync("a broken page"));
        var written = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => AxeScan.ExpectNoViolationsAsync(plain, "a page written by the test"));

        foreach (var (failure, state) in new[] { (inJourney, "a broken page [en] (http://broken.example/)"), (written, "a page written by the test") })
        {
            Assert.Contains(state, failure.Message, StringComparison.Ordinal);
            Assert.Contains("- image-alt (critical): Images must have alternative text https://dequeuniversity.com/rules/axe/", failure.Message, StringComparison.Ordinal);
            Assert.Contains("    img: <img src=\"data:,\">", failure.Message, StringComparison.Ordinal);
            Assert.Contains("- label (critical)", failure.Message, StringComparison.Ordinal);
            Assert.Contains("    input: <input type=\"text\">", failure.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Signs up from the invitation (sent once for both languages), enrolls, and signs in again through every challenge.</summary>
    private async Task NewcomerAsync(PageLanguage language)
    {
        await landscape.NewcomersInvitedAsync(browser);
        var page = await ScannedPage.OpenAsync(browser, language);
        await new NewcomerJourney(landscape, browser, page, AccessibilityLandscape.NewcomerFor(language)).WalkAsync();
    }

    /// <summary>What anyone reaches signed out: the landing page, sign-in states, forgot username, registration, error pages, dead links.</summary>
    private async Task PublicPagesAsync(PageLanguage language)
    {
        var page = await ScannedPage.OpenAsync(browser, language);
        var server = landscape.Server;
        await page.OpenAndScanAsync(server, "", "portal landing");
        await page.OpenAndScanAsync(server, "account/login?expired=true", "sign-in, timed out");
        await page.OpenAndScanAsync(server, "account/passkeys/sign-in", "sign in with a passkey");

        await page.OpenAndScanAsync(server, "account/forgot-username", "forgot username");
        await page.SubmitAsync("send-username");
        await page.ScanAsync("forgot username, nothing entered");
        await page.FillAsync("Email", "someone@example.org");
        await page.SubmitAsync("send-username");
        await page.ExpectAsync("username-sent");
        await page.ScanAsync("forgot username, sent");

        await page.OpenAndScanAsync(server, "organizations/register", "organization registration");
        await page.SubmitAsync("send-request");
        await page.ExpectAsync("error-summary");
        await page.ScanAsync("organization registration, nothing entered");
        await FillRegistrationAsync(page, language);
        await page.SubmitAsync("send-request");
        await page.ExpectAsync("registration-received");
        await page.ScanAsync("organization registration, received");

        await page.OpenAndScanAsync(server, "account/invitation?code=no-such-invitation", "invitation, link no longer works");
        await page.OpenAndScanAsync(server, "Account/Password/Choose?code=no-such-link", "password link no longer works");
        await page.OpenAndScanAsync(server, "no/such/page", "error page, not found");
        await page.OpenAndScanAsync(server, "connect/authorize?client_id=no-such-portal&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fportal.example%2F", "error page, unknown portal");
    }

    private static async Task FillRegistrationAsync(ScannedPage page, PageLanguage language)
    {
        // A Tax ID of each language's own: two requests for one Tax ID would be refused.
        var taxId = language == PageLanguage.Spanish ? "274810358" : "274810356";
        var fields = new Dictionary<string, string>
        {
            ["Input_Name"] = $"Clinica Familiar {language.Code.ToUpperInvariant()}",
            ["Input_TaxId"] = taxId,
            ["Input_TaxIdConfirmation"] = taxId,
            ["Input_Line1"] = "12 Lakeview Drive",
            ["Input_City"] = "Saratoga Springs",
            ["Input_State"] = "NY",
            ["Input_PostalCode"] = "12866",
            ["Input_Phone"] = "518-555-0170",
            ["Input_PrimaryGivenName"] = "Grace",
            ["Input_PrimaryFamilyName"] = "Okafor",
            ["Input_PrimaryEmail"] = $"grace.{language.Code}@clinic.example",
            ["Input_PrimaryPhone"] = "518-555-0171",
            ["Input_SecondaryGivenName"] = "Tom",
            ["Input_SecondaryFamilyName"] = "Baker",
            ["Input_SecondaryEmail"] = $"tom.{language.Code}@clinic.example",
            ["Input_SecondaryPhone"] = "518-555-0172",
        };
        foreach (var (id, value) in fields)
        {
            await page.FillAsync(id, value);
        }
    }
}
