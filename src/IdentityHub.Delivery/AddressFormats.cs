using System.Text.RegularExpressions;
using MimeKit;

namespace IdentityHub.Delivery;

/// <summary>The address shapes channels accept.</summary>
internal static partial class AddressFormats
{
    /// <summary>A plain email address such as <c>pat@example.org</c> (no display name).</summary>
    public static bool IsEmailAddress(string address) =>
        !string.IsNullOrWhiteSpace(address)
        && address.Contains('@', StringComparison.Ordinal)
        && MailboxAddress.TryParse(address, out var mailbox)
        && string.IsNullOrEmpty(mailbox.Name)
        && mailbox.Address == address.Trim();

    /// <summary>An E.164 phone number: <c>+</c>, a non-zero digit, at most 15 digits in all.</summary>
    public static bool IsE164(string address) => !string.IsNullOrEmpty(address) && E164().IsMatch(address);

    /// <summary>What a channel of the given kind accepts.</summary>
    public static bool Fits(DeliveryKind kind, string address) =>
        kind == DeliveryKind.Email ? IsEmailAddress(address) : IsE164(address);

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
