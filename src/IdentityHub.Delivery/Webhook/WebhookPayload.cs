using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdentityHub.Delivery.Webhook;

/// <summary>The JSON a webhook receives. Property order and names are part of the contract.</summary>
/// <param name="Kind"><c>email</c>, <c>sms</c> or <c>voice</c>.</param>
/// <param name="To">The email address or E.164 number.</param>
/// <param name="Subject">The subject (email only), otherwise null.</param>
/// <param name="Body">The text, or for voice the words to speak.</param>
/// <param name="Reference">The support reference.</param>
public sealed record WebhookPayload(string Kind, string To, string? Subject, string Body, string Reference)
{
    /// <summary>camelCase names, nulls written; <c>+</c> and non-ASCII letters kept as they are (the body is never put in HTML).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The payload for a message.</summary>
    public static WebhookPayload From(DeliveryMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Kind.ToString().ToLowerInvariant(), message.To, message.Subject, message.Body, message.Reference);
    }
}
