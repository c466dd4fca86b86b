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
        CodeCheck.AccountLocked =>
            $"Too many wrong codes were entered for this account. For your security, wait {settings.AccountLockout.TotalMinutes:0} minutes and try again, or call the help desk.",
        CodeCheck.Malformed => $"Enter the {settings.Length}-digit code.",
        _ => "That code cannot be used. Request a new code.",
    };
}
