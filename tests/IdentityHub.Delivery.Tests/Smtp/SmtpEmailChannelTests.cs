using IdentityHub.Delivery.Smtp;
using IdentityHub.Delivery.Tests.StandIns;
using IdentityHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace IdentityHub.Delivery.Tests.Smtp;

public sealed class SmtpEmailChannelTests(SmtpSink sink) : IClassFixture<SmtpSink>
{
    private ChannelOptions Relay(string? userName = null, string? password = null, int? port = null) => new()
    {
        Type = "Smtp",
        Host = "127.0.0.1",
        Port = port ?? sink.Port,
        Security = SmtpSecurity.None,
        UserName = userName,
        Password = password,
        From = "Health Plan <no-reply@example.org>",
    };

    private static DeliveryMessage Email(string to, string reference) =>
        new(DeliveryKind.Email, to, "Your sign-in code", $"Your Health Plan code is 493817.\n({reference})", reference);

    [Fact]
    public async Task Configured_smtp_channel_delivers_a_plain_text_message_to_a_real_server()
    {
        var settings = DeliveryServices.FastResilience();
        settings["Email:0:Type"] = "Smtp";
        settings["Email:0:Name"] = "smtp-local";
        settings["Email:0:Host"] = "127.0.0.1";
        settings["Email:0:Port"] = sink.Port.ToString();
        settings["Email:0:Security"] = "None";
        settings["Email:0:From"] = "Health Plan <no-reply@example.org>";
        var audit = new RecordingAudit();
        await using var services = DeliveryServices.Build(settings, audit);

        var outcome = await services.GetRequiredService<IMessageSender>().SendAsync(
            Email("pat.member@example.org", "ref-mail-1"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("smtp-local"), outcome);
        var message = Assert.Single(sink.Messages(), m => (m.TextBody ?? "").Contains("ref-mail-1", StringComparison.Ordinal));
        Assert.Equal("Your sign-in code", message.Subject);
        Assert.Equal("pat.member@example.org", Assert.Single(message.To.Mailboxes).Address);
        var from = Assert.Single(message.From.Mailboxes);
        Assert.Equal(("Health Plan", "no-reply@example.org"), (from.Name, from.Address));
        Assert.Equal("text/plain", message.Body?.ContentType.MimeType);
        Assert.Equal("Your Health Plan code is 493817.\n(ref-mail-1)", (message.TextBody ?? "").ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Contains("queued as", Assert.Single(audit.Attempts).Detail);
    }

    [Fact]
    public async Task Authenticates_when_a_user_name_is_set()
    {
        var channel = new SmtpEmailChannel("smtp-auth", Relay(SmtpSink.UserName, SmtpSink.Password));

        var result = await channel.DeliverAsync(Email("auth.member@example.org", "ref-mail-auth"), CancellationToken.None);

        Assert.IsType<ChannelResult.Delivered>(result);
        Assert.Contains(sink.Messages(), m => (m.TextBody ?? "").Contains("ref-mail-auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rejected_credentials_are_permanent()
    {
        var channel = new SmtpEmailChannel("smtp-auth", Relay(SmtpSink.UserName, "wrong-password"));

        var result = await channel.DeliverAsync(Email("auth.member@example.org", "ref-mail-badauth"), CancellationToken.None);

        Assert.Equal(new ChannelResult.PermanentFailure("SMTP server rejected the credentials"), result);
    }

    [Fact]
    public async Task A_5xx_answer_is_permanent()
    {
        var result = await new SmtpEmailChannel("smtp", Relay()).DeliverAsync(Email("rejected@example.org", "ref-550"), CancellationToken.None);

        var failure = Assert.IsType<ChannelResult.PermanentFailure>(result);
        Assert.Contains("550", failure.Reason);
    }

    [Fact]
    public async Task A_4xx_answer_is_transient()
    {
        var result = await new SmtpEmailChannel("smtp", Relay()).DeliverAsync(Email("busy@example.org", "ref-451"), CancellationToken.None);

        var failure = Assert.IsType<ChannelResult.TransientFailure>(result);
        Assert.Contains("451", failure.Reason);
    }

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        var channel = new SmtpEmailChannel("smtp", Relay(port: FreeTcpPort.Next()));

        var result = await channel.DeliverAsync(Email("pat@example.org", "ref-refused"), CancellationToken.None);

        Assert.IsType<ChannelResult.TransientFailure>(result);
    }

    [Theory]
    [InlineData("pat@example.org", true)]
    [InlineData("Pat <pat@example.org>", false)]
    [InlineData("+16505550123", false)]
    [InlineData("", false)]
    public void Takes_plain_email_addresses_only(string address, bool expected) =>
        Assert.Equal(expected, new SmtpEmailChannel("smtp", Relay()).CanDeliverTo(address));
}
