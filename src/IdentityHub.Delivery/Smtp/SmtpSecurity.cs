namespace IdentityHub.Delivery.Smtp;

/// <summary>How the SMTP connection is secured (MailKit's <c>SecureSocketOptions</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS; fails if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS. Only for a relay on the same host or a local test server.</summary>
    None,

    /// <summary>TLS on port 465, otherwise STARTTLS when offered.</summary>
    Auto,
}
