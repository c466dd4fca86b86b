using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace IdentityHub.Delivery.Smtp;

/// <summary>Sends email through an SMTP relay with MailKit: one connection per message.</summary>
public sealed class SmtpEmailChannel : IDeliveryChannel
{
    private readonly ChannelOptions _options;
    private readonly string _host;
    private readonly MailboxAddress _from;

    /// <summary>Creates the channel from one validated <c>Email</c> entry.</summary>
    public SmtpEmailChannel(string name, ChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Host);
        ArgumentException.ThrowIfNullOrEmpty(options.From);
        Name = name;
        _options = options;
        _host = options.Host;
        _from = MailboxAddress.Parse(options.From);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public DeliveryKind Kind => DeliveryKind.Email;

    /// <inheritdoc />
    public bool CanDeliverTo(string address) => AddressFormats.IsEmailAddress(address);

    /// <inheritdoc />
    public async Task<ChannelResult> DeliverAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        using var mime = new MimeMessage();
        mime.From.Add(_from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject ?? string.Empty;
        mime.Body = new TextPart("plain") { Text = message.Body };

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(_host, _options.Port, ToSecureSocketOptions(_options.Security), cancellationToken);
            if (!string.IsNullOrEmpty(_options.UserName))
            {
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? string.Empty, cancellationToken);
            }

            var response = await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new ChannelResult.Delivered(QueuedId(response));
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode is >= 400 and < 500)
        {
            return new ChannelResult.TransientFailure($"SMTP server answered {(int)e.StatusCode} ({e.ErrorCode})");
        }
        catch (SmtpCommandException e)
        {
            return new ChannelResult.PermanentFailure($"SMTP server answered {(int)e.StatusCode} ({e.ErrorCode})");
        }
        catch (AuthenticationException)
        {
            return new ChannelResult.PermanentFailure("SMTP server rejected the credentials");
        }
        catch (SslHandshakeException)
        {
            return new ChannelResult.PermanentFailure("TLS handshake with the SMTP server failed");
        }
        catch (NotSupportedException e)
        {
            // E.g. StartTls required but the server does not offer it: a configuration problem.
            return new ChannelResult.PermanentFailure($"SMTP server does not support what is configured: {e.Message}");
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException)
        {
            return new ChannelResult.TransientFailure($"SMTP connection failed: {e.GetType().Name}");
        }
    }

    private static SecureSocketOptions ToSecureSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };

    // Relays usually answer "250 2.0.0 Ok: queued as ABC123"; keep the whole line, it is short and has no body.
    private static string? QueuedId(string? response) => string.IsNullOrWhiteSpace(response) ? null : response.Trim();
}
