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

    /// <summary>An email address, a phone number in E.164 form, or a label for an authenticator app.</summary>
    public required string Destination { get; set; }

    /// <summary>An authenticator app's shared secret, protected with Data Protection; never logged.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>The last TOTP time step accepted, so that no code works twice (M12).</summary>
    public long? LastUsedStep { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
