using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>A server on the legacy preset with security questions on (A2, A8), as plans that keep them run it.</summary>
public sealed class LegacyPortalLandscape : IAsyncLifetime
{
    public PortalLandscape Portals { get; } = new(new Dictionary<string, string?>
    {
        ["IdentityHub__Passwords__Preset"] = "Legacy",
        ["IdentityHub__SecurityQuestions__Enabled"] = "true",
    });

    public Task InitializeAsync() => Portals.InitializeAsync();

    public Task DisposeAsync() => Portals.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AccountLifecycleCollection : ICollectionFixture<LegacyPortalLandscape>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Account lifecycle";
}

/// <summary>
/// The help desk's day done by people themselves, in a real browser (A4, A5, A7, A8; seeds 001, 003, 004):
/// a temporary password from an administrator replaced at the first sign-in, the terms signed by typing
/// the name, three security questions chosen; later, forgot password answered by two of them.
/// </summary>
[Collection(AccountLifecycleCollection.Name)]
public sealed class AccountLifecycleTests(LegacyPortalLandscape legacy, BrowserSession browser)
{
    private const string ChosenPassword = "Amber-Lantern-Hills-4";
    private const string ResetPassword = "Copper-Kettle-Morning-8";
    private const string AccountEmail = "demo@example.org";

    private static readonly Dictionary<string, string> Answers = new()
    {
        ["What was the name of your first pet?"] = "Biscuit",
        ["In what city were you born?"] = "Sacramento",
        ["What was the make of your first car?"] = "Ford Pinto",
    };

    private PortalLandscape Landscape => legacy.Portals;

    [Fact]
    public async Task A_temporary_password_the_terms_and_security_questions_then_forgot_password_by_two_answers()
    {
        // The administrator gives Dana a temporary password (seed 003).
        var (exit, output) = await Landscape.RunServerCommandAsync("set-temporary-password", Landscape.User.UserName);
        Assert.True(exit == 0, output);
        var temporary = System.Text.RegularExpressions.Regex.Match(output, "Temporary password for \\S+: (\\S+)").Groups[1].Value;
        Assert.NotEmpty(temporary);

        // First sign-in: the temporary password, MFA enrollment, then a password of Dana's own.
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Landscape.ProviderPortal.ToString());
        await page.Locator("#sign-in").ClickAsync();
        await SignInSteps.EnterPasswordAsync(page, Landscape, temporary);
        await SignInSteps.EnrollEmailAsync(page, Landscape, SignInSteps.DemoEmail);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Choose a new password");
        await Expect(page.Locator("#password-temporary")).ToBeVisibleAsync();
        await Expect(page.Locator("#password-rules")).ToContainTextAsync("special character");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("lowercase only");
        await page.GetByLabel("New password again").FillAsync("lowercase only");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new password" }).ClickAsync();
        await Expect(page.Locator("#new-password-error")).ToBeVisibleAsync();
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(ChosenPassword);
        await page.GetByLabel("New password again").FillAsync(ChosenPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new password" }).ClickAsync();

        // The terms, signed by typing the name on the account; a wrong name is refused.
        await Expect(page.Locator("#terms-text")).ToContainTextAsync("electronic signature");
        await page.GetByLabel("First name").FillAsync("Dan");
        await page.GetByLabel("Last name").FillAsync("Demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "I accept" }).ClickAsync();
        await Expect(page.Locator("#terms-error")).ToContainTextAsync("does not match the name on your account");
        await page.GetByLabel("First name").FillAsync("Dana");
        await page.GetByRole(AriaRole.Button, new() { Name = "I accept" }).ClickAsync();

        // Three security questions (seed 004); the same one twice is refused.
        await Expect(page.Locator("h1")).ToHaveTextAsync("Choose your security questions");
        var chosen = Answers.Keys.ToList();
        await ChooseQuestionsAsync(page, [chosen[0], chosen[0], chosen[2]]);
        await Expect(page.Locator("#questions-error")).ToHaveTextAsync("Choose three different questions.");
        await ChooseQuestionsAsync(page, chosen);
        await SignInSteps.SaveRecoveryCodesIfShownAsync(page);
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        Assert.StartsWith(Landscape.ProviderPortal.ToString(), page.Url, StringComparison.Ordinal);

        // Later: forgot password, answered by two of the three questions instead of a code.
        await page.GotoAsync(Landscape.ProviderPortal.ToString());
        await page.Locator("#sign-out").ClickAsync();
        await page.Locator("#confirm-sign-out").ClickAsync();
        await page.Locator("#sign-in").ClickAsync();
        await page.Locator("#forgot-password").ClickAsync();
        await page.GetByLabel("Username").FillAsync(Landscape.User.UserName);
        await page.GetByLabel("Email address").FillAsync(AccountEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.Locator("#use-questions").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Answer your security questions");
        var asked = await page.Locator("form label").AllInnerTextsAsync();
        Assert.Equal(2, asked.Count);
        await page.Locator("#answer-0").FillAsync("wrong answer");
        await page.Locator("#answer-1").FillAsync("wrong answer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator("#questions-error")).ToContainTextAsync("We could not confirm your answers.");
        for (var i = 0; i < asked.Count; i++)
        {
            // Capital letters and spaces do not matter.
            await page.Locator($"#answer-{i}").FillAsync("  " + Answers[asked[i].Trim()].ToUpperInvariant() + " ");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Create a new password");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(ResetPassword);
        await page.GetByLabel("Confirm new password").FillAsync(ResetPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.Locator("#password-changed")).ToContainTextAsync("Your password has been changed.");

        // The questions that let someone in are chosen again at the next sign-in (seed 003).
        await page.GotoAsync(Landscape.ProviderPortal.ToString());
        await page.Locator("#sign-in").ClickAsync();
        await SignInSteps.EnterPasswordAsync(page, Landscape, ResetPassword);
        await SignInSteps.SecondFactorAsync(page, Landscape);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Choose your security questions");
        await ChooseQuestionsAsync(page, chosen);
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
    }

    private static async Task ChooseQuestionsAsync(IPage page, List<string> questions)
    {
        for (var i = 0; i < questions.Count; i++)
        {
            await page.Locator($"#question-{i}").SelectOptionAsync(new SelectOptionValue { Label = questions[i] });
            await page.Locator($"#answer-{i}").FillAsync(Answers[questions[i]] + (i == 1 && questions[0] == questions[1] ? " again" : ""));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
    }
}
