using IdentityHub.Core.Mfa;

namespace IdentityHub.Data.Mfa;

/// <summary>
/// A one-time code as issued: only its salted hash, what it was issued for (purpose and the sign-in
/// attempt or enrollment it is bound to), when it lapses and how often it was tried.
/// </summary>
public class OneTimeCodeRecord
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public required string UserId { get; set; }

    public MfaMethodKind Kind { get; set; }

    /// <summary>The masked destination it was sent to, for the challenge page.</summary>
    public required string SentTo { get; set; }

    public required string Purpose { get; set; }

    public required string Binding { get; set; }

    public required string Hash { get; set; }

    public required string Salt { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>The row for a code just issued to <paramref name="userId"/> by <paramref name="kind"/>.</summary>
    public static OneTimeCodeRecord From(IssuedCode issued, string userId, MfaMethodKind kind, string sentTo) => new()
    {
        UserId = userId,
        Kind = kind,
        SentTo = sentTo,
        Purpose = issued.Purpose,
        Binding = issued.Binding,
        Hash = issued.Hash,
        Salt = issued.Salt,
        IssuedAt = issued.IssuedAt,
        ExpiresAt = issued.ExpiresAt,
    };

    public IssuedCode ToIssuedCode() => new(Hash, Salt, Purpose, Binding, IssuedAt, ExpiresAt, FailedAttempts, UsedAt);
}
