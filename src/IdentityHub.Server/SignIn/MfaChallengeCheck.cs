using IdentityHub.Core.Assurance;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.SignIn;

/// <summary>
/// The attempt must reach the level the portal asks for (M14): already there, vouched for by a
/// remembered device that reached it (M7), or the challenge page.
/// </summary>
public sealed class MfaChallengeCheck(RememberedDevices devices, IOptionsMonitor<IdentityHubOptions> options) : ISignInCheck
{
    public async Task<CheckOutcome> EvaluateAsync(SignInContext context)
    {
        var attempt = context.Attempt;
        var preset = options.CurrentValue.Mfa.Preset;
        if (AssuranceLevels.Satisfies(AssuranceLevels.For(attempt.Methods, preset), attempt.RequiredAcr))
        {
            return CheckOutcome.Pass;
        }

        if (attempt.Purpose == AttemptPurpose.SignIn && context.Policy.AllowRememberDevice && !attempt.SecondFactorRequired
            && await devices.FindAsync(context.Http, context.User.Id) is { } device
            && AssuranceLevels.Satisfies(device.Acr, attempt.RequiredAcr))
        {
            context.Attempt = attempt with { Methods = attempt.Methods.Concat(device.Methods.Split(' ')).Distinct().ToList() };
            return CheckOutcome.Pass;
        }

        return CheckOutcome.GoTo("/account/mfa/challenge");
    }
}
