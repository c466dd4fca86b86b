using System.Globalization;
using IdentityHub.Core.Mfa;
using IdentityHub.Data.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Texts;
using IdentityHub.Server.Wording;

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
public sealed class AccountNotices(IMessageSender sender, ClientPolicies policies, LanguageTexts texts, TimeProvider time)
{
    /// <summary>Sends the notice for a method added or removed, naming it in the reader's language.</summary>
    public Task<NoticeSent> SendAsync(IdentityHubUser user, AccountChange change, MfaMethod method, string? alsoTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return SendAsync(user, change, words => Describe(words, method), alsoTo, cancellationToken);
    }

    /// <summary>
    /// Sends the notice for <paramref name="change"/>. <paramref name="passkeyName"/> names the passkey added;
    /// <paramref name="alsoTo"/> is another address to tell (the old one).
    /// </summary>
    public Task<NoticeSent> SendAsync(IdentityHubUser user, AccountChange change, string? passkeyName = null, string? alsoTo = null, CancellationToken cancellationToken = default) =>
        SendAsync(user, change, _ => passkeyName, alsoTo, cancellationToken);

    private async Task<NoticeSent> SendAsync(IdentityHubUser user, AccountChange change, Func<MessageWords, string?> what, string? alsoTo, CancellationToken cancellationToken)
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

        var words = MessageWords.For(texts, user);
        var (subject, body) = Render(words, user, change, what(words), reference);
        var delivered = new List<string>();
        foreach (var address in addresses)
        {
            var outcome = await sender.SendAsync(new DeliveryMessage(DeliveryKind.Email, address, subject, body, reference), cancellationToken);
            delivered.Add($"notice to {Destinations.MaskEmail(address)} {(outcome is DeliveryOutcome.Sent ? "sent" : "not delivered")}");
        }

        return new NoticeSent(reference, string.Join(", ", delivered));
    }

    private (string Subject, string Body) Render(MessageWords words, IdentityHubUser user, AccountChange change, string? what, string reference)
    {
        var name = KeyOf(change);
        var sentence = words[$"Notice.{name}.What", user.UserName ?? "", words.When(time.GetUtcNow())];
        var detail = (change, what) switch
        {
            (_, null) => "",
            (AccountChange.PasskeyAdded, _) => "\n" + words["Notice.PasskeyName", what],
            _ => "\n" + words["Notice.Method", what],
        };
        var helpDesk = policies.Deployment.HelpDeskPhone;
        var ifNotYou = helpDesk is null ? words["Notice.NotYou", reference] : words["Notice.NotYouCall", helpDesk, reference];
        return (words[$"Notice.{name}.Subject"], words.Body(reference, sentence + detail, ifNotYou));
    }

    private static string KeyOf(AccountChange change) => change switch
    {
        AccountChange.PasswordChanged => "PasswordChanged",
        AccountChange.MethodAdded => "MethodAdded",
        AccountChange.MethodRemoved => "MethodRemoved",
        AccountChange.PasskeyAdded => "PasskeyAdded",
        AccountChange.PasskeyRemoved => "PasskeyRemoved",
        AccountChange.RecoveryCodesReplaced => "RecoveryCodes",
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "No notice for this change."),
    };

    /// <summary>A method in a notice: its kind in the reader's language and, for one that receives codes, where they go, masked.</summary>
    private string Describe(MessageWords words, MfaMethod method)
    {
        var name = texts.Text<MfaText>($"MfaMethod.{method.Kind}.Name", words.Language, null);
        return method.Descriptor().Channel is null ? name : string.Format(CultureInfo.InvariantCulture, "{0}, {1}", name, method.MaskedDestination());
    }
}
