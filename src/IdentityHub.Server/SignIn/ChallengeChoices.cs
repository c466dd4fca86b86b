using IdentityHub.Core.Assurance;
using IdentityHub.Data.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Passkeys;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.SignIn;

/// <summary>What the challenge page can offer an attempt.</summary>
/// <param name="ByCode">The enrolled methods challenged by a code that count under the preset, the current one first.</param>
/// <param name="Current">The method in use: the one chosen in this attempt, else the one last used.</param>
/// <param name="CodesReachLevel">Whether a code from them reaches the level the attempt needs; if not, only a passkey can.</param>
/// <param name="HasPasskey">Whether the user has a passkey; looked up only when codes cannot reach the level.</param>
public sealed record ChallengeChoice(IReadOnlyList<MfaMethod> ByCode, MfaMethod? Current, bool CodesReachLevel, bool HasPasskey);

/// <summary>Which of a user's methods can complete an attempt at the level it requires.</summary>
public sealed class ChallengeChoices(EnrolledMethods methods, PasskeyCeremonies passkeys, IOptionsMonitor<IdentityHubOptions> options)
{
    public async Task<ChallengeChoice> ForAsync(IdentityHubUser user, SignInAttempt attempt)
    {
        var byCode = (await methods.ListAsync(user.Id)).Where(methods.Counts).Where(method => method.Descriptor().ChallengedByCode).ToList();
        var current = byCode.FirstOrDefault(method => method.Id == attempt.ChallengeMethodId) ?? byCode.FirstOrDefault();
        var reached = AssuranceLevels.For(attempt.Methods.Concat(byCode.Select(method => method.Amr())).ToList(), options.CurrentValue.Mfa.Preset);
        var codesReach = AssuranceLevels.Satisfies(reached, attempt.RequiredAcr);
        return new ChallengeChoice(byCode, current, codesReach, !codesReach && await passkeys.HasAnyAsync(user));
    }
}
