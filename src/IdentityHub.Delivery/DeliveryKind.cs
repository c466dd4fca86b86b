namespace IdentityHub.Delivery;

/// <summary>How a one-time security code reaches a person.</summary>
public enum DeliveryKind
{
    /// <summary>An email message.</summary>
    Email,

    /// <summary>A text message to an E.164 phone number.</summary>
    Sms,

    /// <summary>A phone call that speaks the message.</summary>
    Voice,
}
