using System.Text.Json;
using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests.Interop;

/// <summary>
/// oidc-client-ts, a browser library, in a single-page app served from another origin than IdentityHub's (P6, P7):
/// a public client registered with that origin signs in with code + PKCE and calls discovery, the token endpoint
/// and userinfo from script, which the browser allows only because the server answers with CORS headers.
/// </summary>
[Collection(InteropLandscapeCollection.Name)]
public sealed class SinglePageAppInteropTests(InteropLandscape landscape, BrowserSession browser)
{
    [BrowserFact]
    public async Task A_single_page_app_with_oidc_client_ts_signs_in_and_calls_userinfo_across_origins()
    {
        await landscape.DemoUserEnrolledAsync(browser);
        var page = await browser.NewPageAsync();
        // Answers the server allowed the app's origin to read (the browser enforces it: without CORS, no userinfo).
        var origin = landscape.Spa.GetLeftPart(UriPartial.Authority);
        var crossOrigin = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Headers.TryGetValue("access-control-allow-origin", out var allowed) && allowed == origin)
            {
                lock (crossOrigin)
                {
                    crossOrigin.Add(new Uri(response.Url).AbsolutePath);
                }
            }
        };

        await page.GotoAsync($"{landscape.Spa}?issuer={Uri.EscapeDataString(landscape.Server.ToString())}&client_id={InteropLandscape.SpaClientId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await EnterEmailedCodeAsync(page, landscape);

        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^Signed in as Dana Demo \\(subject [0-9a-f]{32}\\)\\.$"))).ToBeVisibleAsync();
        Assert.StartsWith(landscape.Spa.ToString(), page.Url, StringComparison.Ordinal);
        var userinfo = page.Locator("#userinfo");
        await Expect(userinfo).ToContainTextAsync("\"sub\"");
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeEmptyAsync();
        var claims = JsonSerializer.Deserialize<JsonElement>(await userinfo.InnerTextAsync());
        Assert.Equal("Dana Demo", claims.GetProperty("name").GetString());
        Assert.Contains("/connect/token", crossOrigin);
        Assert.Contains("/connect/userinfo", crossOrigin);
    }
}
