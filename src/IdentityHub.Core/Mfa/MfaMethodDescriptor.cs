using IdentityHub.Core.Assurance;

namespace IdentityHub.Core.Mfa;

/// <summary>How a sent code reaches the person.</summary>
public enum CodeChannel
{
    Email,
    Sms,
    Voice,
}

/// <summary>
/// Everything the pages and the policies need to know about one kind of second factor: its <c>amr</c>
/// value, what it is worth under each preset, how its code travels and how long it is, and which of the
/// pages offer it. The descriptors are listed once, in <see cref="MfaMethods"/>. They hold no words for
/// people: the token server shows each method's texts from its resource files by <see cref="Kind"/>.
/// </summary>
public sealed record MfaMethodDescriptor
{
    public required MfaMethodKind Kind { get; init; }

    /// <summary>The <c>amr</c> values (RFC 8176) it can prove; a passkey's depends on the credential.</summary>
    public required IReadOnlyList<string> Amr { get; init; }

    public required MethodAssurance Legacy { get; init; }

    public required MethodAssurance Nist { get; init; }

    /// <summary>How its code is sent; null for a factor the person holds (an app, a recovery code, a passkey).</summary>
    public CodeChannel? Channel { get; init; }

    /// <summary>The length of a code the person holds (an app's 6 digits); sent codes follow the settings.</summary>
    public int? HeldCodeDigits { get; init; }

    /// <summary>Whether the enrollment wizard offers it (and so <c>IdentityHub:Mfa:Methods</c> may list it).</summary>
    public bool Enrollable { get; init; }

    /// <summary>Whether forgot password offers it: it can prove who is resetting.</summary>
    public bool CanResetPassword { get; init; }

    /// <summary>Masks a destination for the pages; a held factor shows its label as it is.</summary>
    public Func<string, string> Mask { get; init; } = label => label;

    /// <summary>Whether a code is sent for it (email, text message, phone call).</summary>
    public bool SendsCode => Channel is not null;

    /// <summary>Whether the challenge page asks for a code from it: sent, or made by an app.</summary>
    public bool ChallengedByCode => SendsCode || HeldCodeDigits is not null;

    /// <summary>What it is worth under <paramref name="preset"/>.</summary>
    public MethodAssurance AssuranceUnder(AssurancePreset preset) => preset == AssurancePreset.Nist ? Nist : Legacy;

    /// <summary>The digits the person types: the configured length for a sent code; null when it is not a digit code.</summary>
    public int? Digits(CodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return SendsCode ? settings.Length : HeldCodeDigits;
    }
}
