using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>A landscape of its own, so that passkeys registered here do not change other tests' sign-ins.</summary>
[CollectionDefinition(Name)]
public sealed class PasskeyCollection : ICollectionFixture<PortalLandscape>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Passkeys";
}

/// <summary>
/// Passkeys in a real browser (M13, M14), with Chromium's virtual authenticator standing in for the
/// fingerprint reader: register one on the account page, then sign in with it alone, or use it as the
/// second factor after the password.
/// </summary>
[Collection(PasskeyCollection.Name)]
public sealed class PasskeyTests(PortalLandscape landscape, BrowserSession browser)
{
    [BrowserFact]
    public async Task Register_a_passkey_then_sign_in_with_it_alone()
    {
        var page = await NewPageWithAuthenticatorAsync();
        await SignInWithPasswordAndCodeAsync(page);
        await RegisterPasskeyAsync(page);

        // Rename it: the list shows the new name.
        await page.GetByLabel("New name for Passkey on Chrome").FillAsync("Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename Passkey on Chrome" }).ClickAsync();
        await Expect(Passkeys(page)).ToContainTextAsync("Work laptop");

        await SignOutAtPortalAsync(page, landscape.ProviderPortal);

        // No username, no password, no code: the passkey alone.
        await SignInLink(page).ClickAsync();
        await Expect(Heading(page, "Sign in")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey", Exact = true }).ClickAsync();

        await Expect(SignedInAs(page)).ToBeVisibleAsync();
        Assert.StartsWith(landscape.ProviderPortal.ToString(), page.Url, StringComparison.Ordinal);
        await Expect(Claims(page)).ToContainTextAsync("hwk");
        await Expect(Claims(page)).ToContainTextAsync("urn:identityhub:acr:aal3");
    }

    [BrowserFact]
    public async Task A_passkey_is_the_second_factor_after_the_password_and_can_be_removed()
    {
        var page = await NewPageWithAuthenticatorAsync();
        await SignInWithPasswordAndCodeAsync(page);
        await RegisterPasskeyAsync(page, "Desk key");
        await SignOutAtPortalAsync(page, landscape.ProviderPortal);

        // The password, then "Use a passkey" on the challenge page instead of the emailed code.
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await Expect(Heading(page, "Enter your security code")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey", Exact = true }).ClickAsync();

        await Expect(SignedInAs(page)).ToBeVisibleAsync();
        await Expect(Claims(page)).ToContainTextAsync("pwd");
        await Expect(Claims(page)).ToContainTextAsync("hwk");

        // The passkey sign-in was fresh enough to remove it right away.
        await page.GotoAsync(new Uri(landscape.Server, "account/passkeys").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Desk key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The passkey was removed.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove Desk key" })).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task A_portal_asking_for_the_phishing_resistant_level_steps_a_code_session_up_with_the_passkey()
    {
        var page = await NewPageWithAuthenticatorAsync();
        await SignInWithPasswordAndCodeAsync(page);
        await RegisterPasskeyAsync(page, "Step-up key");

        // The producer portal sends acr_values=aal3: the session (password + emailed code) is stepped up, not refused.
        await page.GotoAsync(landscape.StrictPortal.ToString());
        await Expect(Heading(page, "Producer portal")).ToBeVisibleAsync();
        await SignInLink(page).ClickAsync();
        await Expect(Heading(page, "Enter your security code")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Use your passkey to continue");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey", Exact = true }).ClickAsync();

        await Expect(SignedInAs(page)).ToBeVisibleAsync();
        Assert.StartsWith(landscape.StrictPortal.ToString(), page.Url, StringComparison.Ordinal);
        await Expect(Claims(page)).ToContainTextAsync("urn:identityhub:acr:aal3");
        await Expect(Claims(page)).ToContainTextAsync("hwk");
    }

    [BrowserFact]
    public async Task A_credential_the_server_cannot_read_gets_a_plain_message_not_an_error_page()
    {
        var page = await browser.NewPageAsync();
        var signIn = new Uri(landscape.Server, "account/passkeys/sign-in").ToString();
        await page.GotoAsync(signIn);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey", Exact = true })).ToBeVisibleAsync();
        var token = await page.Locator("#passkey-sign-in input[name=__RequestVerificationToken]").InputValueAsync();

        // What a broken or hostile script might post in place of the browser's credential: with no
        // ceremony underway, and after asking for options.
        string[] credentials = ["{ not json", """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{}}""", "[]"];
        foreach (var credential in credentials)
        {
            var refused = await PostAsync(page, signIn, token, credential);
            Assert.Equal(200, refused.Status);
            Assert.Contains("Your passkey could not be used. Try again or use another method.", await refused.TextAsync(), StringComparison.Ordinal);

            var options = await PostAsync(page, signIn + "?handler=Options", token, credential: null);
            Assert.Equal(200, options.Status);
            Assert.Contains("challenge", await options.TextAsync(), StringComparison.Ordinal);

            refused = await PostAsync(page, signIn, token, credential);
            Assert.Equal(200, refused.Status);
            Assert.Contains("Your passkey could not be used. Try again or use another method.", await refused.TextAsync(), StringComparison.Ordinal);
        }

        // Without the antiforgery token: refused before anything is read.
        Assert.Equal(400, (await PostAsync(page, signIn, token: "", "{}")).Status);
    }

    private static Task<IAPIResponse> PostAsync(IPage page, string url, string token, string? credential)
    {
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token);
        if (credential is not null)
        {
            form.Set("CredentialJson", credential);
        }

        return page.Context.APIRequest.PostAsync(url, new() { Form = form, MaxRedirects = 0 });
    }

    private async Task<IPage> NewPageWithAuthenticatorAsync()
    {
        var page = await browser.NewPageAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return page;
    }

    /// <summary>A sign-in with the password and the emailed code (the demo user has enrolled its email).</summary>
    private async Task SignInWithPasswordAndCodeAsync(IPage page)
    {
        await landscape.DemoUserEnrolledAsync(browser);
        await SignInAsync(page, landscape, landscape.ProviderPortal);
    }

    /// <summary>Registers a passkey under the default name ("Passkey on Chrome") or the one given.</summary>
    private async Task RegisterPasskeyAsync(IPage page, string? name = null)
    {
        await page.GotoAsync(new Uri(landscape.Server, "account/passkeys").ToString());
        await Expect(Heading(page, "Passkeys")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Passkey name")).ToHaveValueAsync("Passkey on Chrome");
        if (name is not null)
        {
            await page.GetByLabel("Passkey name").FillAsync(name);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"\"{name ?? "Passkey on Chrome"}\" is ready.");
        await Expect(Passkeys(page)).ToContainTextAsync(name ?? "Passkey on Chrome");
        await Expect(Passkeys(page)).ToContainTextAsync(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The table of the account's passkeys.</summary>
    private static ILocator Passkeys(IPage page) => page.GetByRole(AriaRole.Table);
}
