using IdentityHub.Core.Mfa;

namespace IdentityHub.Server.Mfa;

/// <summary>Each way a code can be refused gets its own plain sentence (M3).</summary>
public static class CodeMessagesForPeople
{
    public static string For(CodeCheckResult result, CodeSettings settings) => result.Outcome switch
    {
        CodeCheck.Wrong when result.AttemptsLeft > 0 =>
            $"That code is not correct. Check the code and try again ({result.AttemptsLeft} {(result.AttemptsLeft == 1 ? "try" : "tries")} left).",
        CodeCheck.Wrong or CodeCheck.TooManyAttempts => "That code has been entered wrongly too many times. Request a new code.",
        CodeCheck.Expired => "That code has expired. Request a new code.",
        CodeCheck.AlreadyUsed => "That code has already been used. Request a new code.",
        CodeCheck.AccountLocked => MfaLockout.Message(settings),
        CodeCheck.Malformed => $"Enter the {settings.Length}-digit code.",
        _ => "That code cannot be used. Request a new code.",
    };

    /// <summary>The same for a code from an authenticator app (nothing to request; always <see cref="Totp.Digits"/> digits).</summary>
    public static string ForApp(CodeCheckResult result, CodeSettings settings) => result.Outcome switch
    {
        CodeCheck.AlreadyUsed => "That code has already been used. Wait for the next code in your app and enter it.",
        CodeCheck.Malformed => $"Enter the {Totp.Digits}-digit code your app shows.",
        CodeCheck.Wrong => "That code is not correct. Check that your phone's time is set automatically and enter the code your app shows now.",
        _ => For(result, settings),
    };

    /// <summary>Why a code was not sent, in plain words; null when it was.</summary>
    public static string? For(SendResult result, string? helpDeskPhone) => result switch
    {
        SendResult.Sent => null,
        SendResult.TooSoon tooSoon => $"Please wait {Math.Ceiling(tooSoon.RetryAfter.TotalSeconds)} seconds before asking for another code.",
        SendResult.HourlyCapReached => "You have asked for too many codes. Try again later, or use the last code you received.",
        _ => "We could not send your code. Try another method" + (helpDeskPhone is null ? "." : $" or call {helpDeskPhone}."),
    };

    /// <summary>The reader's first language from Accept-Language ("es-US"), for message templates.</summary>
    public static string? LanguageOf(HttpRequest request)
    {
        var first = request.Headers.AcceptLanguage.ToString().Split(',', 2)[0].Split(';')[0].Trim();
        return first.Length is > 0 and <= 35 ? first : null;
    }
}
