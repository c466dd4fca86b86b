using System.Globalization;
using IdentityHub.Core.Mfa;
using IdentityHub.Data.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Mfa;

namespace IdentityHub.Server.Account;

/// <summary>A change to how a person signs in that their email is told about.</summary>
public enum AccountChange
{
    /// <summary>The person changed their own password on the account page.</summary>
    PasswordChanged,

    /// <summary>A way to receive security codes (email, text, call, authenticator app) was added.</summary>
    MethodAdded,

    /// <summary>A way to receive security codes was removed.</summary>
    MethodRemoved,

    PasskeyAdded,

    PasskeyRemoved,

    /// <summary>A new set of recovery codes replaced the old one.</summary>
    RecoveryCodesReplaced,
}

/// <summary>The notice's reference (for the caller's audit event) and what became of it, for the audit detail.</summary>
public sealed record NoticeSent(string Reference, string Delivered);

/// <summary>
/// The one place that tells a person by email that their password, second factors or passkeys changed, so that
/// someone who did not make the change finds out and calls the help desk. Each notice goes to the account's
/// email address and, when the change was about another address (an email method removed), to that one too.
/// The caller audits the change under the notice's reference, which the notice quotes.
/// </summary>
public sealed class AccountNotices(IMessageSender sender, ClientPolicies policies, MethodTexts methodTexts, TimeProvider time)
{
    public const string PasswordChangedSubject = "Your password was changed";
    public const string MethodAddedSubject = "A new way to get security codes was added to your account";
    public const string MethodRemovedSubject = "A way to get security codes was removed from your account";
    public const string PasskeyAddedSubject = "A passkey was added to your account";
    public const string PasskeyRemovedSubject = "A passkey was removed from your account";
    public const string RecoveryCodesSubject = "You have new recovery codes";

    /// <summary>
    /// Sends the notice for <paramref name="change"/>. <paramref name="what"/> names the method ("Text message to
    /// (***) ***-2652") or the passkey; <paramref name="alsoTo"/> is another address to tell (the old one).
    /// </summary>
    public async Task<NoticeSent> SendAsync(IdentityHubUser user, AccountChange change, string? what = null, string? alsoTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var reference = AuditLog.NewReference();
        var addresses = new[] { user.Email, alsoTo }
            .Where(address => !string.IsNullOrWhiteSpace(address))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Cast<string>()
            .ToList();
        if (addresses.Count == 0)
        {
            return new NoticeSent(reference, "no email on the account");
        }

        var (subject, body) = Render(user, change, what, reference);
        var delivered = new List<string>();
        foreach (var address in addresses)
        {
            var outcome = await sender.SendAsync(new DeliveryMessage(DeliveryKind.Email, address, subject, body, reference), cancellationToken);
            delivered.Add($"notice to {Destinations.MaskEmail(address)} {(outcome is DeliveryOutcome.Sent ? "sent" : "not delivered")}");
        }

        return new NoticeSent(reference, string.Join(", ", delivered));
    }

    private (string Subject, string Body) Render(IdentityHubUser user, AccountChange change, string? what, string reference)
    {
        var account = user.UserName ?? "";
        var when = time.GetUtcNow().ToString("MMMM d, yyyy 'at' HH:mm", CultureInfo.InvariantCulture);
        var (subject, sentence) = change switch
        {
            AccountChange.PasswordChanged => (PasswordChangedSubject,
                Format("The password for your health plan portal account {0} was changed on {1} UTC. The browser where it was changed stays signed in; every other device and browser was signed out.", account, when)),
            AccountChange.MethodAdded => (MethodAddedSubject,
                Format("A new way to get security codes was added to your health plan portal account {0} on {1} UTC.", account, when) + Line("Method: {0}", what)),
            AccountChange.MethodRemoved => (MethodRemovedSubject,
                Format("A way to get security codes was removed from your health plan portal account {0} on {1} UTC.", account, when) + Line("Method: {0}", what)),
            AccountChange.PasskeyAdded => (PasskeyAddedSubject,
                Format("A passkey was added to your health plan portal account {0} on {1} UTC. It can now be used to sign in.", account, when) + Line("Passkey name: {0}", what)),
            AccountChange.PasskeyRemoved => (PasskeyRemovedSubject,
                Format("A passkey was removed from your health plan portal account {0} on {1} UTC.", account, when)),
            AccountChange.RecoveryCodesReplaced => (RecoveryCodesSubject,
                Format("New recovery codes were made for your health plan portal account {0} on {1} UTC. Your old recovery codes no longer work.", account, when)),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "No notice for this change."),
        };
        var helpDesk = policies.For(null).HelpDeskPhone;
        var ifNotYou = helpDesk is null
            ? Format("If this was not you, contact the help desk right away and give them this reference number: {0}.", reference)
            : Format("If this was not you, call the help desk at {1} right away and give them this reference number: {0}.", reference, helpDesk);
        return (subject, $"Hello,\n\n{sentence}\n\n{ifNotYou}\n\nReference number: {reference}");
    }

    /// <summary>A method in a notice: its kind and, for one that receives codes, where they go, masked.</summary>
    public string Describe(MfaMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var name = methodTexts.Name(method.Kind);
        return method.Descriptor().Channel is null ? name : Format("{0}, {1}", name, method.MaskedDestination());
    }

    private static string Line(string format, string? value) => value is null ? "" : "\n" + Format(format, value);

    private static string Format(string format, params object?[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
