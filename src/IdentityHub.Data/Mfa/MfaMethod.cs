using IdentityHub.Core.Mfa;

namespace IdentityHub.Data.Mfa;

/// <summary>
/// A second factor a user has enrolled: where codes go. The same phone or email may be enrolled on
/// several accounts (M9), so the destination is not unique.
/// </summary>
public class MfaMethod
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public required string UserId { get; set; }

    public MfaMethodKind Kind { get; set; }

    /// <summary>An email address, or a phone number in E.164 form.</summary>
    public required string Destination { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
