using System.Globalization;
using IdentityHub.Core.Assurance;
using IdentityHub.Core.Mfa;
using IdentityHub.Data.Mfa;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Mfa;

/// <summary>
/// The words of each second factor in the reader's language (MfaText, keys <c>MfaMethod.{Kind}.…</c>); the
/// descriptors in <see cref="MfaMethods"/> hold none. Times read "5 minutes" or "24 hours" (<see cref="Duration"/>).
/// </summary>
public sealed class MethodTexts(IStringLocalizer<MfaText> text)
{
    /// <summary>Its plain name ("Text message").</summary>
    public string Name(MfaMethodKind kind) => text[$"MfaMethod.{kind}.Name"];

    /// <summary>What the enrollment wizard says about it.</summary>
    public string EnrollmentHint(MfaMethodKind kind) => text[$"MfaMethod.{kind}.EnrollmentHint"];

    /// <summary>Its button under "Try another method" on the code page, with where its code goes.</summary>
    public string ChallengeChoice(MfaMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return text[$"MfaMethod.{method.Kind}.ChallengeChoice", method.MaskedDestination()];
    }

    /// <summary>What to type, for a factor the person holds (an app, a recovery code).</summary>
    public string HowTo(MfaMethodKind kind, CodeSettings settings) => text[$"MfaMethod.{kind}.HowTo", DigitsOf(kind, settings)];

    /// <summary>The choice forgot password offers.</summary>
    public string ResetChoice(MfaMethodKind kind) => text[$"MfaMethod.{kind}.ResetChoice"];

    /// <summary>What forgot password says once it is chosen, without telling whether the account has it.</summary>
    public string ResetInstructions(MfaMethodKind kind, CodeSettings settings) => text[$"MfaMethod.{kind}.ResetInstructions", DigitsOf(kind, settings)];

    /// <summary>Why a method is restricted or does not count under the preset; null when it counts fully.</summary>
    public string? Reason(MethodAssurance assurance)
    {
        ArgumentNullException.ThrowIfNull(assurance);
        return assurance.Reason is { } reason ? text[$"MfaMethod.Reason.{reason}"].Value : null;
    }

    /// <summary>A length of time in words: whole hours as hours ("24 hours"), anything else as minutes, rounded up.</summary>
    public string Duration(TimeSpan span)
    {
        if (span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours))
        {
            var hours = (int)span.TotalHours;
            return text[hours == 1 ? "MfaDuration.Hours.One" : "MfaDuration.Hours.Many", hours.ToString(CultureInfo.CurrentCulture)];
        }

        var minutes = (int)Math.Ceiling(span.TotalMinutes);
        return text[minutes == 1 ? "MfaDuration.Minutes.One" : "MfaDuration.Minutes.Many", minutes.ToString(CultureInfo.CurrentCulture)];
    }

    private static string DigitsOf(MfaMethodKind kind, CodeSettings settings) =>
        MfaMethods.Of(kind).Digits(settings)?.ToString(CultureInfo.CurrentCulture) ?? "";
}
