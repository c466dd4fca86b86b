using System.Net;
using IdentityHub.Server.Account;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Account;

/// <summary>A deployment on the legacy preset with security questions turned on (A8).</summary>
public sealed class LegacyQuestionsApp : IAsyncLifetime
{
    public const string Password = "Correct-Horse-Battery-9";

    public IdentityHubApp App { get; } = new IdentityHubApp()
        .With("IdentityHub:Passwords:Preset", "Legacy")
        .With("IdentityHub:SecurityQuestions:Enabled", "true");

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>
/// Security questions (A7, A8): three distinct questions chosen at the first sign-in,
/// answers normalised and hashed; two of three instead of a code in forgot password; wrong answers count
/// toward the lockout; unknown details see stable stand-in questions and learn nothing.
/// </summary>
public sealed class SecurityQuestionTests(LegacyQuestionsApp fixture) : IClassFixture<LegacyQuestionsApp>
{
    private const string SetUp = "/account/security-questions";
    private const string Questions = "/account/forgot-password/questions";
    private const string Fresh = "Brand-New-Passphrase-7";

    private readonly IdentityHubApp app = fixture.App;

    [Fact]
    public async Task The_first_sign_in_asks_for_three_different_questions_and_keeps_only_hashes()
    {
        var name = NewName("setup");
        var user = await app.CreateUserAsync(name, LegacyQuestionsApp.Password);
        var browser = app.NewBrowser();

        var signedIn = await browser.SignInAsync(name, LegacyQuestionsApp.Password);
        Assert.True(Browser.IsRedirectTo(signedIn, SetUp), Describe(signedIn));
        var page = await browser.PageAsync(SetUp);
        Assert.Contains("Choose your security questions", HtmlPage.TextOf(page));
        var offered = OfferedIds(page);
        Assert.Equal(SecurityQuestionOptions.DefaultQuestions.Count, offered.Count);

        var same = await SaveAsync(browser, page, [offered[0], offered[0], offered[1]], ["Rex", "Paris", "Elm"]);
        Assert.Contains("Choose three different questions.", await same.TextAsync());
        var shortAnswer = await SaveAsync(browser, page, [offered[0], offered[1], offered[2]], ["Rex", "P", "Elm"]);
        Assert.Contains("Answer each question with at least 3 letters or numbers.", await shortAnswer.TextAsync());
        var repeated = await SaveAsync(browser, page, [offered[0], offered[1], offered[2]], ["Rex", "rex!", "Elm"]);
        Assert.Contains("Give a different answer to each question.", await repeated.TextAsync());
        var unknown = await SaveAsync(browser, page, ["not-a-question", offered[1], offered[2]], ["Rex", "Paris", "Elm"]);
        Assert.Contains("Choose a question from each list.", await unknown.TextAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.SecurityAnswers.CountAsync(a => a.UserId == user.Id)));

        var saved = await SaveAsync(browser, page, [offered[0], offered[1], offered[2]], ["Rex", "Paris", "Elm Street"]);
        Assert.False(Browser.IsRedirectTo(saved, SetUp), Describe(saved));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stored = await app.QueryAsync(db => db.SecurityAnswers.Where(a => a.UserId == user.Id).ToListAsync());
        Assert.Equal(3, stored.Count);
        Assert.All(stored, answer => Assert.DoesNotContain("rex", answer.Hash + answer.Salt, StringComparison.OrdinalIgnoreCase));
        Assert.All(stored, answer => Assert.Contains(answer.Question, SecurityQuestionOptions.DefaultQuestions));

        var again = await app.NewBrowser().SignInAsync(name, LegacyQuestionsApp.Password);
        Assert.False(Browser.IsRedirectTo(again, SetUp), Describe(again));
    }

    [Fact]
    public async Task Two_right_answers_replace_the_code_and_the_questions_are_chosen_again_at_the_next_sign_in()
    {
        var name = NewName("answers");
        var user = await UserWithQuestionsAsync(name);
        var browser = app.NewBrowser();

        var verify = await StartResetAsync(browser, name, EmailOf(name));
        Assert.Contains("Answer your security questions", verify);
        var questions = await browser.PageAsync(Questions);
        var asked = AskedQuestions(questions);
        Assert.Equal(2, asked.Count);

        var accepted = await AnswerAsync(browser, questions, [.. asked.Select(question => "  " + AnswerTo(question).ToUpperInvariant() + ". ")]);
        Assert.True(Browser.IsRedirectTo(accepted, ForgotPasswordTests.NewPassword), Describe(accepted) + await accepted.TextAsync());
        var changed = await browser.PostPageFormAsync(await browser.PageAsync(ForgotPasswordTests.NewPassword), ForgotPasswordTests.NewPassword,
            new Dictionary<string, string> { ["NewPassword"] = Fresh, ["ConfirmPassword"] = Fresh });
        Assert.True(Browser.IsRedirectTo(changed, ForgotPasswordTests.Done), Describe(changed) + await changed.TextAsync());

        Assert.Equal(0, await app.QueryAsync(db => db.SecurityAnswers.CountAsync(a => a.UserId == user.Id)));
        var next = await app.NewBrowser().SignInAsync(name, Fresh);
        Assert.True(Browser.IsRedirectTo(next, SetUp), Describe(next));
    }

    [Fact]
    public async Task Wrong_answers_count_toward_the_lockout_and_then_even_right_ones_are_refused_alike()
    {
        var name = NewName("guesser");
        var user = await UserWithQuestionsAsync(name);
        var browser = app.NewBrowser();
        await StartResetAsync(browser, name, EmailOf(name));
        var questions = await browser.PageAsync(Questions);
        var asked = AskedQuestions(questions);

        var wrong = await AnswerAsync(browser, questions, ["Fluffy", "Nowhere"]);
        Assert.Contains(Words.English<IdentityHub.Server.Texts.RecoveryText>("ForgotQuestions.Refused"), await wrong.TextAsync());
        Assert.Equal(1, await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.MfaFailedAttempts).SingleAsync()));
        // Security answers stand in for the second factor, so they count toward its lockout (10 by default).
        for (var i = 0; i < 9; i++)
        {
            await AnswerAsync(browser, questions, ["Fluffy", "Nowhere"]);
        }

        Assert.NotNull(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.MfaLockedUntil).SingleAsync()));
        var right = await AnswerAsync(browser, questions, [.. asked.Select(AnswerTo)]);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(Words.English<IdentityHub.Server.Texts.RecoveryText>("ForgotQuestions.Refused"), await right.TextAsync());
        Assert.True(Browser.IsRedirectTo(await browser.GetAsync(ForgotPasswordTests.NewPassword), ForgotPasswordTests.Verify));
    }

    [Fact]
    public async Task Unknown_details_see_the_same_stand_in_questions_every_time_and_no_answer_works()
    {
        var nobody = NewName("nobody");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 6; i++)
        {
            // From six networks: one network may start only a few resets per username (throttling.md).
            var browser = app.NewBrowserFrom($"203.0.113.{41 + i}");
            var verify = await StartResetAsync(browser, nobody, "nobody@clinic.example");
            Assert.Contains("Answer your security questions", verify);
            var page = await browser.PageAsync(Questions);
            seen.UnionWith(AskedQuestions(page));
            var refused = await AnswerAsync(browser, page, ["Rex", "Paris"]);
            Assert.Contains(Words.English<IdentityHub.Server.Texts.RecoveryText>("ForgotQuestions.Refused"), await refused.TextAsync());
        }

        // Like a real account's: two at a time from one set of three.
        Assert.InRange(seen.Count, 2, 3);
        Assert.All(seen, question => Assert.Contains(question, SecurityQuestionOptions.DefaultQuestions));
    }

    [Fact]
    public async Task Without_the_setting_no_questions_are_offered_or_asked()
    {
        await using var plain = new IdentityHubApp();
        await plain.InitializeAsync();
        var name = NewName("plain");
        await plain.CreateUserAsync(name);
        var browser = plain.NewBrowser();

        var verify = await browser.SubmitAsync(ForgotPasswordTests.Start, new Dictionary<string, string> { ["Input.Username"] = name, ["Input.Email"] = EmailOf(name) });
        Assert.DoesNotContain("Answer your security questions", await browser.PageAsync(ForgotPasswordTests.Verify));
        Assert.True(Browser.IsRedirectTo(await browser.GetAsync(Questions), ForgotPasswordTests.Verify), Describe(verify));
        var signedIn = await plain.NewBrowser().SignInAsync(name);
        Assert.False(Browser.IsRedirectTo(signedIn, SetUp), Describe(signedIn));
    }

    /// <summary>A user who chose the first three default questions, answered as <see cref="AnswerTo"/> says.</summary>
    private async Task<Data.Users.IdentityHubUser> UserWithQuestionsAsync(string name)
    {
        var user = await app.CreateUserAsync(name, LegacyQuestionsApp.Password);
        var browser = app.NewBrowser();
        Assert.True(Browser.IsRedirectTo(await browser.SignInAsync(name, LegacyQuestionsApp.Password), SetUp));
        var page = await browser.PageAsync(SetUp);
        var ids = OfferedIds(page).Take(3).ToList();
        var saved = await SaveAsync(browser, page, ids, [.. SecurityQuestionOptions.DefaultQuestions.Take(3).Select(AnswerTo)]);
        Assert.False(Browser.IsRedirectTo(saved, SetUp), Describe(saved));
        return user;
    }

    private static string AnswerTo(string question) => "answer to " + question[..12];

    private static Task<HttpResponseMessage> SaveAsync(Browser browser, string page, List<string> ids, List<string> answers)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < ids.Count; i++)
        {
            fields[$"QuestionIds[{i}]"] = ids[i];
            fields[$"Answers[{i}]"] = answers[i];
        }

        return browser.PostPageFormAsync(page, SetUp, fields);
    }

    private static Task<HttpResponseMessage> AnswerAsync(Browser browser, string page, IReadOnlyList<string> answers) =>
        browser.PostPageFormAsync(page, Questions, answers.Select((answer, i) => (answer, i)).ToDictionary(pair => $"Answers[{pair.i}]", pair => pair.answer));

    /// <summary>Step 1 of forgot password; returns the text of the verify page it leads to.</summary>
    private static async Task<string> StartResetAsync(Browser browser, string userName, string email)
    {
        var response = await browser.SubmitAsync(ForgotPasswordTests.Start, new Dictionary<string, string> { ["Input.Username"] = userName, ["Input.Email"] = email });
        Assert.True(Browser.IsRedirectTo(response, ForgotPasswordTests.Verify), Describe(response));
        return HtmlPage.TextOf(await browser.PageAsync(ForgotPasswordTests.Verify));
    }

    /// <summary>The questions the set-up page offers in its lists (the options' values), each once.</summary>
    private static List<string> OfferedIds(string page) =>
        [.. HtmlPage.Parse(page).All("select option").Select(option => option.GetAttribute("value") ?? "").Where(value => value.Length > 0).Distinct()];

    /// <summary>The questions asked, as the labels of the answer fields say them.</summary>
    private static List<string> AskedQuestions(string html)
    {
        var page = HtmlPage.Parse(html);
        return [.. page.All("input").Where(input => input.GetAttribute("name")?.StartsWith("Answers[", StringComparison.Ordinal) == true).Select(page.LabelOf)];
    }
}
