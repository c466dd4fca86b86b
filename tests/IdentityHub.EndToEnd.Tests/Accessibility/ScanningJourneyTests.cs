namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>
/// Every page and page state of the token server a person sees, scanned with axe-core (WCAG 2.0, 2.1 and
/// 2.2, A and AA) as a few journeys walk them, in English and in Spanish (A14): a violation fails the test
/// and names the rule, the elements and the page state.
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class ScanningJourneyTests(AccessibilityLandscape landscape, BrowserSession browser)
{
    [BrowserFact]
    public Task A_newcomer_signs_up_enrolls_and_signs_in_again_with_no_violation_in_English() => NewcomerAsync(PageLanguage.English);

    [BrowserFact]
    public Task A_newcomer_signs_up_enrolls_and_signs_in_again_with_no_violation_in_Spanish() => NewcomerAsync(PageLanguage.Spanish);

    [BrowserFact]
    public Task The_public_pages_and_their_errors_have_no_violation_in_English() => PublicPagesAsync(PageLanguage.English);

    [BrowserFact]
    public Task The_public_pages_and_their_errors_have_no_violation_in_Spanish() => PublicPagesAsync(PageLanguage.Spanish);

    [BrowserFact]
    public async Task The_scan_fails_on_a_page_with_violations_and_names_them()
    {
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("""<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main><img src="data:,"><input type="text"></main></body></html>""");

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => AxeScan.ExpectNoViolationsAsync(page, "a broken page"));

        Assert.Contains("image-alt (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("label (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("a broken page", failure.Message, StringComparison.Ordinal);
    }

    private async Task NewcomerAsync(PageLanguage language)
    {
        await landscape.NewcomersInvitedAsync(browser);
        var page = new ScannedPage(await browser.NewPageAsync(language.ContextOptions()), language);
        await new NewcomerJourney(landscape, browser, page, AccessibilityLandscape.NewcomerFor(language)).WalkAsync();
    }

    /// <summary>What anyone reaches signed out: the landing page, sign-in states, forgot username, registration, error pages, dead links.</summary>
    private async Task PublicPagesAsync(PageLanguage language)
    {
        var page = new ScannedPage(await browser.NewPageAsync(language.ContextOptions()), language);
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
