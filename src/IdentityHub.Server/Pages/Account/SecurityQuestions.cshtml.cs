using IdentityHub.Data.Users;
using IdentityHub.Server.Account;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Server.Pages.Account;

/// <summary>Choosing and answering three security questions at sign-in, where they are enabled (A8).</summary>
public sealed class SecurityQuestionsModel(UserManager<IdentityHubUser> users, SecurityQuestions questions, SignInFlow flow, SignInAttempts attempts) : PageModel
{
    [BindProperty]
    public List<string> QuestionIds { get; set; } = [];

    [BindProperty]
    public List<string> Answers { get; set; } = [];

    public IReadOnlyList<SecurityQuestion> Offered => questions.Offered;

    public int MinimumAnswerLength => questions.MinimumAnswerLength;

    /// <summary>A question in the reader's language when it is one of the default questions; a plan's own question as written.</summary>
    public string WordingOf(SecurityQuestion question) => questions.WordingOf(question);

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } leave)
        {
            return leave;
        }

        var chosen = Enumerable.Range(0, SecurityQuestionOptions.Chosen)
            .Select(i => new SecurityQuestionAnswer(QuestionIds.ElementAtOrDefault(i) ?? "", Answers.ElementAtOrDefault(i) ?? ""))
            .ToList();
        ErrorMessage = questions.Problem(chosen);
        if (ErrorMessage is not null)
        {
            return Page();
        }

        var attempt = attempts.Read(HttpContext)!;
        var user = (await users.FindByIdAsync(attempt.UserId))!;
        await questions.SaveAsync(user, chosen, HttpContext.RequestAborted);
        return LocalRedirect(await flow.ContinueAsync(HttpContext, attempt));
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var attempt = attempts.Read(HttpContext);
        if (attempt is null)
        {
            return LocalRedirect(EnrollmentWizard.SignInAgainPage);
        }

        return questions.Enabled ? null : LocalRedirect(await flow.ContinueAsync(HttpContext, attempt));
    }
}
