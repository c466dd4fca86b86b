namespace IdentityHub.Core.Accounts;

/// <summary>The starting point of a deployment's password policy (A2); explicit settings override it.</summary>
public enum PasswordPreset
{
    /// <summary>
    /// NIST SP 800-63B-4: length over composition, a blocklist, no periodic expiry. The default.
    /// </summary>
    Nist,

    /// <summary>
    /// As many health plans' portals practise it today: 8 or more characters, mixed case, a special
    /// character, expiry after 365 days.
    /// </summary>
    Legacy,
}
