using IdentityHub.Server.Mfa;

namespace IdentityHub.Server.SignIn;

/// <summary>
/// After the first MFA enrollment (and for users enrolled before recovery codes existed) a set of
/// recovery codes is made and shown once, before the user reaches the portal.
/// </summary>
public sealed class RecoveryCodesCheck(RecoveryCodeStore store) : ISignInCheck
{
    public const string Page = "/account/mfa/recovery-codes";

    public async Task<CheckOutcome> EvaluateAsync(SignInContext context)
    {
        if (context.Attempt.PendingRecoveryCodes is not null)
        {
            return CheckOutcome.GoTo(Page);
        }

        if (await store.HasSetAsync(context.User.Id))
        {
            return CheckOutcome.Pass;
        }

        context.Attempt = context.Attempt with { PendingRecoveryCodes = await store.GenerateAsync(context.User.Id) };
        return CheckOutcome.GoTo(Page);
    }
}
