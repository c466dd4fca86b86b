namespace IdentityHub.Core.Assurance;

/// <summary>
/// Values of the <c>acr</c> claim. Named after the authenticator assurance levels of
/// NIST SP 800-63B so that a portal can reason about them without a lookup table.
/// </summary>
public static class AssuranceLevels
{
    /// <summary>One factor (a password).</summary>
    public const string SingleFactor = "urn:identityhub:acr:aal1";

    /// <summary>For the authentication methods used, the level they reach.</summary>
    public static string For(IReadOnlyCollection<string> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        return SingleFactor;
    }
}
