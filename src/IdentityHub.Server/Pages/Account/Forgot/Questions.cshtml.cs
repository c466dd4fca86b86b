using IdentityHub.Server.Account;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Pages.Account.Forgot;

/// <summary>
/// Forgot password, step 2 by security questions (A7, A8): two of the three answered right
/// instead of a code. Reads the same whether or not the details matched an account.
/// </summary>
public sealed class ForgotPasswordQuestionsModel(PasswordResets resets, SteadyResponseTime steady, SecurityQuestions questions, IStringLocalizer<RecoveryText> text) : PageModel
{
    public const string Path = "/account/forgot-password/questions";

    private PasswordResetState _state = null!;

    [BindProperty]
    public List<string> Answers { get; set; } = [];

    public IReadOnlyList<SecurityQuestion> Asked => _state.Questions;

    public string Reference => _state.Reference;

    /// <summary>A question in the reader's language when it is one of the default questions; a plan's own question as written.</summary>
    public string WordingOf(SecurityQuestion question) => questions.WordingOf(question);

    public string? ErrorMessage { get; private set; }

    public IActionResult OnGet() => Load() ?? (IActionResult)Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Load() is { } leave)
        {
            return leave;
        }

        if (Answers.Count != Asked.Count || Answers.Any(string.IsNullOrWhiteSpace))
        {
            ErrorMessage = text["ForgotQuestions.AnswerBoth"];
            return Page();
        }

        if (Answers.Any(answer => answer.Length > Core.Accounts.SecurityAnswers.MaximumLength))
        {
            ErrorMessage = text["SecurityQuestions.AnswerTooLong", Core.Accounts.SecurityAnswers.MaximumLength];
            return Page();
        }

        var started = SteadyResponseTime.Start();
        var step = await resets.VerifyAnswersAsync(_state, Answers, HttpContext.RequestAborted);
        resets.Save(HttpContext, step.State);
        await steady.PadAsync(started, HttpContext.RequestAborted);
        if (step.Error is null)
        {
            return LocalRedirect(NewPasswordModel.Path);
        }

        ErrorMessage = step.Error;
        Answers = [];
        return Page();
    }

    private LocalRedirectResult? Load()
    {
        if (resets.Read(HttpContext) is not { } state)
        {
            return LocalRedirect("/account/forgot-password?expired=true");
        }

        _state = state;
        return state.Questions.Count == 0 ? LocalRedirect(ForgotPasswordVerifyModel.Path) : null;
    }
}
