using IdentityHub.Core.Mfa;

namespace IdentityHub.Server.SignIn;

/// <summary>Why a flow of MFA pages is running.</summary>
public enum AttemptPurpose
{
    /// <summary>A password was just accepted; the session starts when every check passes.</summary>
    SignIn,

    /// <summary>A signed-in user must prove a second factor again (a higher level, or a fresh check before changes).</summary>
    StepUp,

    /// <summary>A signed-in user adds a method from the account page.</summary>
    AddMethod,
}

/// <summary>The enrollment wizard's progress (M6): method chosen, destination, the binding of its code.</summary>
public sealed record EnrollmentProgress(string Id, MfaMethodKind? Kind, string? Destination, DateTimeOffset LastActivityAt);

/// <summary>
/// A sign-in (or step-up) in progress, between the password and the session. Lives only in a
/// Data Protection–protected cookie bound to this browser (<see cref="SignInAttempts"/>): nothing is
/// trusted from form fields, and any node can read it.
/// </summary>
public sealed record SignInAttempt
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required AttemptPurpose Purpose { get; init; }

    /// <summary>When the password was checked (the session's auth_time).</summary>
    public required DateTimeOffset AuthenticatedAt { get; init; }

    /// <summary>amr values proven so far in this attempt.</summary>
    public required IReadOnlyList<string> Methods { get; init; }

    public required string ReturnUrl { get; init; }

    public string? ClientId { get; init; }

    public required string RequiredAcr { get; init; }

    /// <summary>The enrolled method the challenge page is using.</summary>
    public string? ChallengeMethodId { get; init; }

    public EnrollmentProgress? Enrollment { get; init; }

    public DateTimeOffset? SecondFactorAt { get; init; }

    /// <summary>Recovery codes just generated, shown once on the next page and then forgotten.</summary>
    public IReadOnlyList<string>? PendingRecoveryCodes { get; init; }

    /// <summary>Set after a recovery code was used: how many are left, for the warning page.</summary>
    public int? RecoveryCodesLeft { get; init; }

    /// <summary>The support reference of the last code sent, shown on the page (M5).</summary>
    public string? Reference { get; init; }

    /// <summary>
    /// The password unlocked an account locked by wrong passwords from other networks: a remembered
    /// device does not stand in for the second factor this time (decision 0012).
    /// </summary>
    public bool SecondFactorRequired { get; init; }

    /// <summary>When the attempt was last saved.</summary>
    public DateTimeOffset SavedAt { get; init; }

    public static string NewId() => Guid.NewGuid().ToString("N");

    public SignInAttempt WithMethod(string method, DateTimeOffset at) =>
        this with { Methods = Methods.Append(method).Distinct().ToList(), SecondFactorAt = at };
}
