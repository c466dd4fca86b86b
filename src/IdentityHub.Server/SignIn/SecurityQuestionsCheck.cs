using IdentityHub.Server.Account;

namespace IdentityHub.Server.SignIn;

/// <summary>Where security questions are enabled (A8), three are chosen and answered before the session starts.</summary>
public sealed class SecurityQuestionsCheck(SecurityQuestions questions) : ISignInCheck
{
    public const string Page = "/account/security-questions";

    public async Task<CheckOutcome> EvaluateAsync(SignInContext context) =>
        !questions.Enabled || await questions.IsSetUpAsync(context.User.Id, context.Http.RequestAborted) ? CheckOutcome.Pass : CheckOutcome.GoTo(Page);
}
