using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Assurance;

/// <summary>
/// Values of the <c>acr</c> claim. Named after the authenticator assurance levels of
/// NIST SP 800-63B so that a portal can reason about them without a lookup table.
/// </summary>
public static class AssuranceLevels
{
    /// <summary>One factor (a password).</summary>
    public const string SingleFactor = "urn:identityhub:acr:aal1";

    /// <summary>A password and a second factor that counts under the preset.</summary>
    public const string MultiFactor = "urn:identityhub:acr:aal2";

    /// <summary>A phishing-resistant authenticator (a passkey used with user verification).</summary>
    public const string PhishingResistant = "urn:identityhub:acr:aal3";

    // Factor categories of RFC 8176 values: something you know, have, are.
    private static readonly Dictionary<string, string> Factors = new(StringComparer.Ordinal)
    {
        ["pwd"] = "know", ["pin"] = "know", ["kba"] = "know",
        ["sms"] = "have", ["tel"] = "have", ["mail"] = "have", ["otp"] = "have",
        ["hwk"] = "have", ["swk"] = "have", ["sc"] = "have",
        ["fpt"] = "are", ["face"] = "are", ["iris"] = "are", ["retina"] = "are", ["vbm"] = "are",
    };

    /// <summary>1, 2 or 3 for the known levels; 0 for null or anything else.</summary>
    public static int Rank(string? acr) => acr switch
    {
        SingleFactor => 1,
        MultiFactor => 2,
        PhishingResistant => 3,
        _ => 0,
    };

    /// <summary>Whether a session at <paramref name="reached"/> meets <paramref name="required"/>;
    /// a null or unknown requirement is always met.</summary>
    public static bool Satisfies(string? reached, string? required)
    {
        var needed = Rank(required);
        return needed == 0 || Rank(reached) >= needed;
    }

    /// <summary>Every level this server can reach, lowest first (<c>acr_values_supported</c>).</summary>
    public static IReadOnlyList<string> All { get; } = [SingleFactor, MultiFactor, PhishingResistant];

    /// <summary>
    /// From the space-separated <c>acr_values</c> request parameter, the least the portal accepts: the lowest known
    /// level listed, or null when none is known. The values are a list of what the portal would take, in order of
    /// preference (OIDC Core 3.1.2.1), not a demand for the strongest, so "aal1 aal2 aal3" never sends a person
    /// without a passkey to a dead end; the <c>acr</c> claim then says what the sign-in reached.
    /// </summary>
    public static string? Accepted(string? acrValues)
    {
        if (string.IsNullOrWhiteSpace(acrValues))
        {
            return null;
        }

        return acrValues
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(value => Rank(value) > 0)
            .MinBy(Rank);
    }

    /// <summary>
    /// For the <c>amr</c> values used in this sign-in, the level they reach:
    /// <list type="bullet">
    /// <item>phishing-resistant when a passkey (<c>hwk</c> or <c>swk</c>) was used: the server lists a
    /// passkey only after an assertion with user verification, which is two factors by itself (the device
    /// held, unlocked by PIN or biometric), so no password is needed;</item>
    /// <item>otherwise multi-factor when a password plus at least one second factor that counts under
    /// <paramref name="preset"/> (<c>otp</c> always; <c>sms</c>, <c>tel</c>; <c>mail</c> only under legacy);</item>
    /// <item>otherwise single factor.</item>
    /// </list>
    /// </summary>
    public static string For(IReadOnlyCollection<string> methods, AssurancePreset preset)
    {
        ArgumentNullException.ThrowIfNull(methods);

        if (methods.Any(IsPasskey))
        {
            return PhishingResistant;
        }

        var hasPassword = methods.Contains(AuthenticationMethods.Password, StringComparer.Ordinal);
        var hasSecondFactor = methods.Any(method => CountsAsSecondFactor(method, preset));
        return hasPassword && hasSecondFactor ? MultiFactor : SingleFactor;
    }

    /// <summary>
    /// The <c>amr</c> list for a sign-in: the methods used, each once in the order first used, then
    /// <c>mfa</c> when they span two or more distinct factors (know, have, are). A method that does not
    /// count as a second factor under <paramref name="preset"/> (email under NIST) does not make it <c>mfa</c>.
    /// </summary>
    /// <remarks>
    /// <c>mfa</c> is added only for two listed factors. A passkey alone (<c>["swk"]</c>) stays
    /// <c>["swk"]</c>: its user verification makes it multi-factor in practice, and <see cref="For(IReadOnlyCollection{string}, AssurancePreset)"/>
    /// gives it the highest level, but the verification is not a listed method, and <c>amr</c> reports
    /// only what was listed. A portal that wants the strength reads <c>acr</c>.
    /// </remarks>
    public static IReadOnlyList<string> AmrFor(IReadOnlyCollection<string> methods, AssurancePreset preset)
    {
        ArgumentNullException.ThrowIfNull(methods);

        var amr = methods
            .Where(method => !string.IsNullOrEmpty(method) && method != AuthenticationMethods.MultipleFactors)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var factors = amr
            .Where(method => Factors.ContainsKey(method) && (Factors[method] != "have" || CountsAsSecondFactor(method, preset)))
            .Select(method => Factors[method])
            .Distinct(StringComparer.Ordinal)
            .Count();

        if (factors >= 2)
        {
            amr.Add(AuthenticationMethods.MultipleFactors);
        }

        return amr.AsReadOnly();
    }

    private static bool IsPasskey(string method) =>
        method is AuthenticationMethods.HardwareKey or AuthenticationMethods.SoftwareKey;

    // The method descriptors decide what each amr value is worth under the preset.
    private static bool CountsAsSecondFactor(string method, AssurancePreset preset) => MfaMethods.CountsAsSecondFactor(method, preset);
}
