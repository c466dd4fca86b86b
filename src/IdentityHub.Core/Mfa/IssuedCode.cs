namespace IdentityHub.Core.Mfa;

/// <summary>Snapshot of one issued code as stored: never the code itself, only its salted hash.</summary>
/// <param name="Hash">From <see cref="OneTimeCodes.Hash"/>.</param>
/// <param name="Salt">From <see cref="OneTimeCodes.NewSalt"/>.</param>
/// <param name="Purpose">What the code is for, e.g. sign-in or enrollment.</param>
/// <param name="Binding">The id of the sign-in attempt or enrollment the code was issued for.</param>
/// <param name="IssuedAt">When the code was sent.</param>
/// <param name="ExpiresAt">The first instant the code is no longer accepted.</param>
/// <param name="FailedAttempts">Wrong tries against this code so far.</param>
/// <param name="UsedAt">When the code was accepted, or null while unused.</param>
public sealed record IssuedCode(
    string Hash,
    string Salt,
    string Purpose,
    string Binding,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    int FailedAttempts,
    DateTimeOffset? UsedAt)
{
    /// <summary>A new code's record, valid for <see cref="CodeSettings.Lifetime"/> from <paramref name="now"/>.</summary>
    public static IssuedCode Issue(string code, string purpose, string binding, DateTimeOffset now, CodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var salt = OneTimeCodes.NewSalt();
        return new IssuedCode(OneTimeCodes.Hash(code, salt, purpose, binding), salt, purpose, binding, now, now + settings.Lifetime, 0, null);
    }
}
