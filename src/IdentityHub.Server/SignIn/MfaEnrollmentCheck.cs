using IdentityHub.Server.Mfa;

namespace IdentityHub.Server.SignIn;

/// <summary>MFA is mandatory (M1): a user without a method that counts goes through the enrollment wizard.</summary>
public sealed class MfaEnrollmentCheck(EnrolledMethods methods) : ISignInCheck
{
    public async Task<CheckOutcome> EvaluateAsync(SignInContext context)
    {
        var enrolled = await methods.ListAsync(context.User.Id);
        return enrolled.Any(methods.Counts) ? CheckOutcome.Pass : CheckOutcome.GoTo("/account/mfa/enroll");
    }
}
