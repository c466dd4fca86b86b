using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>
/// The demo user's first sign-in with the enrollment wizard, then a sign-in with the code challenge, by
/// keyboard alone (A14, WCAG 2.1.1): Tab to each field and button, type, Space on the radio button, Enter.
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class KeyboardOnlyTests(AccessibilityLandscape landscape, BrowserSession browser)
{
    [BrowserFact]
    public async Task A_new_user_signs_in_enrolls_and_answers_the_code_challenge_by_keyboard_alone()
    {
        var page = await browser.NewPageAsync();
        var keys = new KeyboardOnly(page);

        // The portal's "Sign in", then the password.
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await keys.PressForNextPageAsync("#sign-in");
        await SignInAsync(keys);

        // The enrollment wizard: Email (Space on its radio button), the address, the code.
        await keys.PressOnAsync("#method-email", " ");
        await Expect(page.Locator("#method-email")).ToBeCheckedAsync();
        await keys.PressForNextPageAsync("#continue");
        await keys.TypeIntoAsync("#Email", DemoEmail);
        await keys.PressForNextPageAsync("#send-code");
        await keys.TypeIntoAsync("#Code", landscape.NewestEmailedCode(DemoEmail));
        await keys.PressForNextPageAsync("#verify");

        // The terms, the recovery codes, and the portal.
        await keys.TypeIntoAsync("#FirstName", "Dana");
        await keys.TypeIntoAsync("#LastName", "Demo");
        await keys.PressForNextPageAsync("#accept-terms");
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await keys.PressForNextPageAsync("#saved-codes");
        await Expect(SignedInAs(page)).ToBeVisibleAsync();

        // Sign out at the portal, confirmed at IdentityHub.
        await keys.PressForNextPageAsync("#sign-out");
        await keys.PressForNextPageAsync("#confirm-sign-out");
        await Expect(SignInLink(page)).ToBeVisibleAsync();

        // The next sign-in asks for the emailed code: typed into the focused field, Enter.
        await keys.PressForNextPageAsync("#sign-in");
        await SignInAsync(keys);
        await keys.TypeIntoAsync("#Code", landscape.NewestEmailedCode(DemoEmail));
        await keys.PressForNextPageAsync("#verify");
        await Expect(SignedInAs(page)).ToBeVisibleAsync();
    }

    private async Task SignInAsync(KeyboardOnly keys)
    {
        await keys.TypeIntoAsync("#Input_Username", landscape.User.UserName);
        await keys.TypeIntoAsync("#Input_Password", landscape.User.Password);
        await keys.PressForNextPageAsync("#sign-in");
    }
}
