using System.Globalization;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Mfa;

/// <summary>Each way a code can be refused gets its own plain sentence (M3), in the reader's language.</summary>
public sealed class CodeMessagesForPeople(IStringLocalizer<MfaText> text)
{
    public string For(CodeCheckResult result, CodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(settings);
        return result.Outcome switch
        {
            CodeCheck.Wrong when result.AttemptsLeft == 1 => text["CodeError.WrongOne"],
            CodeCheck.Wrong when result.AttemptsLeft > 0 => text["CodeError.WrongMany", result.AttemptsLeft],
            CodeCheck.Wrong or CodeCheck.TooManyAttempts => text["CodeError.TooManyAttempts"],
            CodeCheck.Expired => text["CodeError.Expired"],
            CodeCheck.AlreadyUsed => text["CodeError.AlreadyUsed"],
            CodeCheck.AccountLocked => Locked(settings),
            CodeCheck.Malformed => text["CodeError.Malformed", settings.Length],
            _ => text["CodeError.Refused"],
        };
    }

    /// <summary>The same for a code from an authenticator app (nothing to request; always <see cref="Totp.Digits"/> digits).</summary>
    public string ForApp(CodeCheckResult result, CodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            CodeCheck.AlreadyUsed => text["CodeError.AppAlreadyUsed"],
            CodeCheck.Malformed => text["CodeError.AppMalformed", Totp.Digits],
            CodeCheck.Wrong => text["CodeError.AppWrong"],
            _ => For(result, settings),
        };
    }

    /// <summary>Why a code was not sent, in plain words; null when it was.</summary>
    public string? For(SendResult result, string? helpDeskPhone) => result switch
    {
        SendResult.Sent => null,
        SendResult.TooSoon tooSoon => text["CodeError.TooSoon", Math.Ceiling(tooSoon.RetryAfter.TotalSeconds).ToString(CultureInfo.CurrentCulture)].Value,
        SendResult.HourlyCapReached => text["CodeError.HourlyCap"].Value,
        _ => helpDeskPhone is null ? text["CodeError.NotSent"].Value : text["CodeError.NotSentCall", helpDeskPhone].Value,
    };

    /// <summary>What a locked account is told, whichever factor it tried.</summary>
    public string Locked(CodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return text["CodeError.Locked", settings.AccountLockout.TotalMinutes.ToString("0", CultureInfo.CurrentCulture)];
    }

    /// <summary>The reader's first language from Accept-Language ("es-US"), for message templates.</summary>
    public static string? LanguageOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var first = request.Headers.AcceptLanguage.ToString().Split(',', 2)[0].Split(';')[0].Trim();
        return first.Length is > 0 and <= 35 ? first : null;
    }
}
