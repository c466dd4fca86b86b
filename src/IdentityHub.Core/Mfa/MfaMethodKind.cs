namespace IdentityHub.Core.Mfa;

/// <summary>The one-time-code methods: where a code is sent.</summary>
public enum MfaMethodKind
{
    /// <summary>A code sent by email.</summary>
    Email,

    /// <summary>A code sent by text message.</summary>
    Sms,

    /// <summary>A code read out by an automated phone call.</summary>
    Voice,
}
