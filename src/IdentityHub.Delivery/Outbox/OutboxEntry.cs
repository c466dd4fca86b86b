namespace IdentityHub.Delivery.Outbox;

/// <summary>One message written to the development outbox.</summary>
/// <param name="Kind">Email, SMS or voice.</param>
/// <param name="To">The address it was for.</param>
/// <param name="Subject">The subject (email only).</param>
/// <param name="Body">The text, code included: the outbox is for development only.</param>
/// <param name="Reference">The support reference.</param>
/// <param name="CreatedAt">When it was written.</param>
public sealed record OutboxEntry(DeliveryKind Kind, string To, string? Subject, string Body, string Reference, DateTimeOffset CreatedAt);
