namespace IdentityHub.Delivery;

/// <summary>One message to deliver.</summary>
/// <param name="Kind">Email, SMS or voice.</param>
/// <param name="To">An email address, or an E.164 phone number (<c>+16505550100</c>).</param>
/// <param name="Subject">The subject line; used for email only.</param>
/// <param name="Body">The text; for voice, the words to speak. Holds the code, so it is never logged or audited.</param>
/// <param name="Reference">A short support reference that ties the message to the audit log.</param>
public sealed record DeliveryMessage(DeliveryKind Kind, string To, string? Subject, string Body, string Reference);
