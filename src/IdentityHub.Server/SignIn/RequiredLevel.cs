using IdentityHub.Core.Assurance;
using IdentityHub.Server.Mfa;

namespace IdentityHub.Server.SignIn;

/// <summary>The assurance level a sign-in must reach (M14).</summary>
public static class RequiredLevel
{
    /// <summary>The portal's policy, raised (never lowered) by the least level the request's <c>acr_values</c> accepts.</summary>
    public static string For(ClientPolicy policy, string? acrValues)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var requested = AssuranceLevels.Accepted(acrValues);
        return AssuranceLevels.Rank(requested) > AssuranceLevels.Rank(policy.RequiredAcr) ? requested! : policy.RequiredAcr;
    }
}
