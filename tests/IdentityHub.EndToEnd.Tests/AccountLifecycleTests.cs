using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>A server on the legacy preset with security questions on (A2, A8), as plans that keep them run it.</summary>
public sealed class LegacyPortalLandscape : IAsyncLifetime, ILandscapeLogs
{
    public PortalLandscape Portals { get; } = new(new Dictionary<string, string?>
    {
        ["IdentityHub__Passwords__Preset"] = "Legacy",
        ["IdentityHub__SecurityQuestions__Enabled"] = "true",
    });

    public Task InitializeAsync() => Portals.InitializeAsync();

    public Task DisposeAsync() => Portals.DisposeAsync();

    public Task SaveLogsAsync(string folder) => Portals.SaveLogsAsync(folder);
}

[CollectionDefinition(Name)]
public sealed class AccountLifecycleCollection : ICollectionFixture<LegacyPortalLandscape>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Account lifecycle";
}

/// <summary>
/// The help desk's day done by people themselves, in a real browser (A4, A5, A7, A8):
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

    [BrowserFact]
    public async Task A_temporary_password_the_terms_and_security_questions_then_forgot_password_by_two_answers()
    {
        // The administrator gives Dana a temporary password (A4).
        var (exit, output) = await Landscape.RunServerCommandAsync("set-temporary-password", Landscape.User.UserName);
        Assert.True(exit == 0, output);
        var temporary = System.Text.RegularExpressions.Regex.Match(output, "Temporary password for \\S+: (\\S+)").Groups[1].Value;
        Assert.NotEmpty(temporary);

        // First sign-in: the temporary password, MFA enrollment, then a password of Dana's own.
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Landscape.ProviderPortal.ToString());
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, Landscape, temporary);
        await EnrollEmailAsync(page, Landscape, DemoEmail);
        await Expect(Heading(page, "Choose a new password")).ToBeVisibleAsync();
        await Expect(page.GetByText("You signed in with a temporary password. Choose your own password to continue.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("special character");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("lowercase only");
        await page.GetByLabel("New password again").FillAsync("lowercase only");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new password", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Choose a new password")).ToBeVisibleAsync();
        // The field's description (its rules and its error) says what is missing.
        await Expect(page.GetByLabel("New password", new() { Exact = true })).ToHaveAccessibleDescriptionAsync(
            new System.Text.RegularExpressions.Regex("Your password must (have|include)"));
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(ChosenPassword);
        await page.GetByLabel("New password again").FillAsync(ChosenPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new password", Exact = true }).ClickAsync();

        // The terms, signed by typing the name on the account; a wrong name is refused.
        await AcceptTermsAsync(page, "Dan", "Demo");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("does not match the name on your account");
        await page.GetByLabel("First name").FillAsync("Dana");
        await page.GetByRole(AriaRole.Button, new() { Name = "I accept", Exact = true }).ClickAsync();

        // Three security questions (A8); the same one twice is refused.
        await Expect(Heading(page, "Choose your security questions")).ToBeVisibleAsync();
        var chosen = Answers.Keys.ToList();
        await ChooseQuestionsAsync(page, [chosen[0], chosen[0], chosen[2]]);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Choose three different questions.");
        await ChooseQuestionsAsync(page, chosen);
        await SaveRecoveryCodesAsync(page);
        await Expect(SignedInAs(page)).ToBeVisibleAsync();
        Assert.StartsWith(Landscape.ProviderPortal.ToString(), page.Url, StringComparison.Ordinal);

        // Later: forgot password, answered by two of the three questions instead of a code.
        await SignOutAtPortalAsync(page, Landscape.ProviderPortal);
        await SignInLink(page).ClickAsync();
        await Expect(Heading(page, "Sign in")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password or locked out?", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Reset your password")).ToBeVisibleAsync();
        await page.GetByLabel("Username").FillAsync(Landscape.User.UserName);
        await page.GetByLabel("Email address").FillAsync(AccountEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Verify it's you")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Answer your security questions", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Answer your security questions")).ToBeVisibleAsync();
        var answers = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Textbox);
        await Expect(answers).ToHaveCountAsync(2);
        await answers.Nth(0).FillAsync("wrong answer");
        await answers.Nth(1).FillAsync("wrong answer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("We could not confirm your answers.");
        var asked = 0;
        foreach (var (question, answer) in Answers)
        {
            var field = page.GetByLabel(question, new() { Exact = true });
            if (await field.CountAsync() == 1)
            {
                // Capital letters and spaces do not matter.
                await field.FillAsync("  " + answer.ToUpperInvariant() + " ");
                asked++;
            }
        }

        Assert.Equal(2, asked);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Create a new password")).ToBeVisibleAsync();
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(ResetPassword);
        await page.GetByLabel("Confirm new password").FillAsync(ResetPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password has been changed.");

        // The questions that let someone in are chosen again at the next sign-in (A7).
        await page.GotoAsync(Landscape.ProviderPortal.ToString());
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, Landscape, ResetPassword);
        await EnterEmailedCodeAsync(page, Landscape);
        await Expect(Heading(page, "Choose your security questions")).ToBeVisibleAsync();
        await ChooseQuestionsAsync(page, chosen);
        await Expect(SignedInAs(page)).ToBeVisibleAsync();
    }

    private static async Task ChooseQuestionsAsync(IPage page, List<string> questions)
    {
        for (var i = 0; i < questions.Count; i++)
        {
            var group = page.GetByRole(AriaRole.Group, new() { Name = $"Question {i + 1}", Exact = true });
            await group.GetByLabel("Question", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = questions[i] });
            await group.GetByLabel("Answer", new() { Exact = true }).FillAsync(Answers[questions[i]] + (i == 1 && questions[0] == questions[1] ? " again" : ""));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue", Exact = true }).ClickAsync();
    }
}
