namespace IdentityHub.Core.Mfa;

/// <summary>Decides what an entered code means for a stored one. The caller records the outcome.</summary>
public static class CodeVerifier
{
    /// <summary>
    /// Applies the rules in order: malformed input (not counted), then already used, then expired (at or
    /// after <see cref="IssuedCode.ExpiresAt"/>), then out of tries, then wrong purpose, binding or code
    /// (counted), else accepted. Whether the account may try at all is <see cref="SecondFactorLockout"/>'s call.
    /// </summary>
    public static CodeCheckResult Check(IssuedCode code, string entered, string purpose, string binding, DateTimeOffset now, CodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(settings);

        var left = Math.Max(0, settings.MaxAttemptsPerCode - code.FailedAttempts);

        var normalized = OneTimeCodes.Normalize(entered);
        if (normalized.Length != settings.Length || !normalized.All(char.IsAsciiDigit))
        {
            return new CodeCheckResult(CodeCheck.Malformed, left);
        }

        if (code.UsedAt is not null)
        {
            return new CodeCheckResult(CodeCheck.AlreadyUsed, 0);
        }

        if (now >= code.ExpiresAt)
        {
            return new CodeCheckResult(CodeCheck.Expired, 0);
        }

        if (left == 0)
        {
            return new CodeCheckResult(CodeCheck.TooManyAttempts, 0);
        }

        var sameContext = string.Equals(code.Purpose, purpose, StringComparison.Ordinal)
            && string.Equals(code.Binding, binding, StringComparison.Ordinal);

        // Hash even when the context differs, so the answer takes the same time either way.
        var matches = OneTimeCodes.Matches(normalized, code.Salt, code.Purpose, code.Binding, code.Hash);

        return sameContext && matches
            ? new CodeCheckResult(CodeCheck.Accepted, left)
            : new CodeCheckResult(CodeCheck.Wrong, left - 1);
    }
}
