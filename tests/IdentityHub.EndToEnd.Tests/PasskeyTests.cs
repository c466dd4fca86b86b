using Microsoft.Playwright;
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
    [Fact]
    public async Task Register_a_passkey_then_sign_in_with_it_alone()
    {
        var page = await NewPageWithAuthenticatorAsync();
        await SignInWithPasswordAndCodeAsync(page);
        await RegisterPasskeyAsync(page);

        // Rename it: the list shows the new name.
        await page.GetByLabel("New name for Passkey on Chrome").FillAsync("Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename Passkey on Chrome" }).ClickAsync();
        await Expect(page.Locator("#passkeys")).ToContainTextAsync("Work laptop");

        await SignOutAtPortalAsync(page);

        // No username, no password, no code: the passkey alone.
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.Locator("#sign-in-with-passkey").ClickAsync();

        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        Assert.StartsWith(landscape.ProviderPortal.ToString(), page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#claims")).ToContainTextAsync("hwk");
        await Expect(page.Locator("#claims")).ToContainTextAsync("urn:identityhub:acr:aal3");
    }

    [Fact]
    public async Task A_passkey_is_the_second_factor_after_the_password_and_can_be_removed()
    {
        var page = await NewPageWithAuthenticatorAsync();
        await SignInWithPasswordAndCodeAsync(page);
        await RegisterPasskeyAsync(page, "Desk key");
        await SignOutAtPortalAsync(page);

        // The password, then "Use a passkey" on the challenge page instead of the emailed code.
        await page.Locator("#sign-in").ClickAsync();
        await EnterPasswordAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Enter your security code");
        await page.Locator("#use-passkey").ClickAsync();

        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        await Expect(page.Locator("#claims")).ToContainTextAsync("pwd");
        await Expect(page.Locator("#claims")).ToContainTextAsync("hwk");

        // The passkey sign-in was fresh enough to remove it right away.
        await page.GotoAsync(new Uri(landscape.Server, "account/passkeys").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Desk key" }).ClickAsync();
        await Expect(page.Locator("#passkey-notice")).ToContainTextAsync("The passkey was removed.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove Desk key" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_portal_asking_for_the_phishing_resistant_level_steps_a_code_session_up_with_the_passkey()
    {
        var page = await NewPageWithAuthenticatorAsync();
        await SignInWithPasswordAndCodeAsync(page);
        await RegisterPasskeyAsync(page, "Step-up key");

        // The producer portal sends acr_values=aal3: the session (password + emailed code) is stepped up, not refused.
        await page.GotoAsync(landscape.StrictPortal.ToString());
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.Locator("#level-unreachable")).ToContainTextAsync("Use your passkey to continue");
        await Expect(page.Locator("#verify")).ToHaveCountAsync(0);
        await page.Locator("#use-passkey").ClickAsync();

        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        Assert.StartsWith(landscape.StrictPortal.ToString(), page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#claims")).ToContainTextAsync("urn:identityhub:acr:aal3");
        await Expect(page.Locator("#claims")).ToContainTextAsync("hwk");
    }

    [Fact]
    public async Task A_credential_the_server_cannot_read_gets_a_plain_message_not_an_error_page()
    {
        var page = await browser.NewPageAsync();
        var signIn = new Uri(landscape.Server, "account/passkeys/sign-in").ToString();
        await page.GotoAsync(signIn);
        await Expect(page.Locator("#sign-in-with-passkey")).ToBeVisibleAsync();
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

    private async Task SignInWithPasswordAndCodeAsync(IPage page)
    {
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await page.Locator("#sign-in").ClickAsync();
        await EnterPasswordAsync(page);
        await SignInSteps.SecondFactorAsync(page, landscape);
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
    }

    // The sign-in page has two buttons starting "Sign in" now: the password one is matched exactly.
    private async Task EnterPasswordAsync(IPage page)
    {
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GetByLabel("Username").FillAsync(landscape.User.UserName);
        await page.GetByLabel("Password").FillAsync(landscape.User.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>Registers a passkey under the default name ("Passkey on Chrome") or the one given.</summary>
    private async Task RegisterPasskeyAsync(IPage page, string? name = null)
    {
        await page.GotoAsync(new Uri(landscape.Server, "account/passkeys").ToString());
        await Expect(page.GetByLabel("Passkey name")).ToHaveValueAsync("Passkey on Chrome");
        if (name is not null)
        {
            await page.GetByLabel("Passkey name").FillAsync(name);
        }

        await page.Locator("#add-passkey").ClickAsync();
        await Expect(page.Locator("#passkey-notice")).ToContainTextAsync($"\"{name ?? "Passkey on Chrome"}\" is ready.");
        await Expect(page.Locator("#passkeys")).ToContainTextAsync(name ?? "Passkey on Chrome");
        await Expect(page.Locator("#passkeys")).ToContainTextAsync(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task SignOutAtPortalAsync(IPage page)
    {
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await page.Locator("#sign-out").ClickAsync();
        await page.Locator("#confirm-sign-out").ClickAsync();
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
    }
}
