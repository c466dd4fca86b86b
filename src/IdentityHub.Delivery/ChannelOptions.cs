using IdentityHub.Delivery.Smtp;

namespace IdentityHub.Delivery;

/// <summary>
/// One entry of a channel list. <see cref="Type"/> says which other settings apply:
/// <c>Smtp</c> (Host, Port, Security, UserName, Password, From),
/// <c>Twilio</c> (BaseUrl, AccountSid, AuthToken, From) or <c>Webhook</c> (Url, Secret).
/// </summary>
public sealed class ChannelOptions
{
    /// <summary>The channel type, see <see cref="ChannelTypes"/>.</summary>
    public string? Type { get; set; }

    /// <summary>A unique channel name; defaults to <c>{kind}-{index}</c>, e.g. <c>sms-0</c>.</summary>
    public string? Name { get; set; }

    /// <summary>SMTP: the relay's host name.</summary>
    public string? Host { get; set; }

    /// <summary>SMTP: the relay's port.</summary>
    public int Port { get; set; } = 587;

    /// <summary>SMTP: how the connection is secured.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>SMTP: the user name; no authentication when empty.</summary>
    public string? UserName { get; set; }

    /// <summary>SMTP: the password.</summary>
    public string? Password { get; set; }

    /// <summary>SMTP: the sender mailbox, e.g. <c>Health Plan &lt;no-reply@example.org&gt;</c>. Twilio: the sending number.</summary>
    public string? From { get; set; }

    /// <summary>Twilio: the API base address.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.twilio.com");

    /// <summary>Twilio: the account SID.</summary>
    public string? AccountSid { get; set; }

    /// <summary>Twilio: the auth token.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Webhook: the address the JSON is posted to.</summary>
    public Uri? Url { get; set; }

    /// <summary>Webhook: the HMAC-SHA256 signing secret shared with the receiver.</summary>
    public string? Secret { get; set; }
}

/// <summary>The values of <see cref="ChannelOptions.Type"/>.</summary>
public static class ChannelTypes
{
    /// <summary>An SMTP relay through MailKit (email only).</summary>
    public const string Smtp = "Smtp";

    /// <summary>Twilio's REST API or one of the same shape (SMS and voice).</summary>
    public const string Twilio = "Twilio";

    /// <summary>A signed JSON POST to a URL of yours (every kind).</summary>
    public const string Webhook = "Webhook";

    /// <summary>The canonical spelling of a configured type (case-insensitive), or null when unknown.</summary>
    internal static string? Normalize(string? type) =>
        new[] { Smtp, Twilio, Webhook }.FirstOrDefault(t => string.Equals(t, type?.Trim(), StringComparison.OrdinalIgnoreCase));
}
