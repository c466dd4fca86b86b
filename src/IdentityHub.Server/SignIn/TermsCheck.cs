using IdentityHub.Server.Terms;

namespace IdentityHub.Server.SignIn;

/// <summary>The newest terms must be accepted before the session starts (A5). Runs after the second factor.</summary>
public sealed class TermsCheck(TermsService terms) : ISignInCheck
{
    public const string Page = "/account/terms";

    public async Task<CheckOutcome> EvaluateAsync(SignInContext context) =>
        await terms.HasAcceptedCurrentAsync(context.User.Id) ? CheckOutcome.Pass : CheckOutcome.GoTo(Page);
}
