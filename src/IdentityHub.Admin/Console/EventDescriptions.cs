using System.Globalization;

namespace IdentityHub.Admin.Console;

/// <summary>
/// Audit events in the words the help desk reads to a caller ("Second factors reset"); an event without
/// words here is shown by its name, so a new event is never hidden.
/// </summary>
public static class EventDescriptions
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["person.disabled"] = "Account turned off by an administrator",
        ["person.enabled"] = "Account turned back on by an administrator",
        ["person.unlocked"] = "Account unlocked by an administrator",
        ["person.mfa_reset"] = "Second factors reset by an administrator",
        ["person.sessions_ended"] = "Signed out everywhere by an administrator",
        ["person.password_reset_started"] = "Password reset link sent by an administrator",
        ["person.details_changed"] = "Name or office changed by an administrator",
        ["person.role_changed"] = "Administrative role changed",
        ["organization.created"] = "Organization registered",
        ["organization.changed"] = "Organization details changed",
        ["invitation.created"] = "Invitation sent",
        ["invitation.resent"] = "Invitation sent again",
        ["invitation.cancelled"] = "Invitation cancelled",
        ["invitation.accepted"] = "Invitation accepted; account created",
        ["registration.submitted"] = "Registration request received",
        ["registration.approved"] = "Registration request approved",
        ["registration.rejected"] = "Registration request rejected",
        ["sign_in.password"] = "Signed in with a password",
        ["sign_in.passkey"] = "Signed in with a passkey",
        ["mfa.code_requested"] = "Sign-in code asked for",
        ["mfa.code_sent"] = "Sign-in code sent",
        ["mfa.code_checked"] = "Sign-in code checked",
        ["mfa.totp_checked"] = "Authenticator app code checked",
        ["mfa.locked"] = "Locked after too many wrong codes",
        ["mfa.unlocked"] = "Second-factor lock cleared",
        ["mfa.method_added"] = "Sign-in method added",
        ["mfa.method_removed"] = "Sign-in method removed",
        ["mfa.passkey_added"] = "Passkey added",
        ["mfa.passkey_removed"] = "Passkey removed",
        ["mfa.recovery_code_used"] = "Recovery code used",
        ["mfa.recovery_codes_generated"] = "New recovery codes made",
        ["mfa.devices_revoked"] = "Remembered computers forgotten",
        ["delivery.attempt"] = "Message delivery attempt",
        ["account.password_reset_started"] = "Forgotten password: reset started",
        ["account.password_reset"] = "Password reset",
        ["account.forgot_username"] = "Forgotten username asked for",
        ["account.disabled"] = "Account turned off",
        ["account.enabled"] = "Account turned back on",
        ["account.disabled_for_inactivity"] = "Account turned off for inactivity",
        ["password.changed"] = "Password changed",
        ["session.ended"] = "Session ended",
        ["session.ended_by_administrator"] = "Session ended by an administrator",
        ["session.sign_out_everywhere"] = "Signed out everywhere",
        ["terms.accepted"] = "Terms of use accepted",
        ["profile.name_changed"] = "Name changed",
        ["profile.email_changed"] = "Email address changed",
        ["profile.phone_changed"] = "Phone number changed",
    };

    public static string Of(string @event) => Words.TryGetValue(@event, out var words) ? words : @event;

    /// <summary>"succeeded" → "Succeeded".</summary>
    public static string OutcomeOf(string outcome) =>
        string.IsNullOrEmpty(outcome) ? "Not recorded" : char.ToUpper(outcome[0], CultureInfo.InvariantCulture) + outcome[1..].Replace('_', ' ');
}
