using System.Security.Cryptography;
using System.Text;
using IdentityHub.Delivery.Webhook;

namespace IdentityHub.Delivery.Tests.Webhook;

public sealed class WebhookSignatureTests
{
    private const string Secret = "webhook-test-secret-0123456789abcdef";
    private const string Body = """{"kind":"sms","to":"+16505550123","subject":null,"body":"x","reference":"r"}""";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Signature_is_lowercase_hex_hmac_sha256_of_timestamp_dot_body()
    {
        var timestamp = Now.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{Body}")));

        Assert.Equal($"sha256={expected}", WebhookSignature.Compute(Secret, timestamp, Body));
    }

    [Fact]
    public void Receiver_accepts_a_fresh_untampered_request()
    {
        var timestamp = Now.AddMinutes(-4).ToUnixTimeSeconds();
        var signature = WebhookSignature.Compute(Secret, timestamp, Body);

        Assert.True(WebhookSignature.Verify(Secret, timestamp.ToString(), Body, signature, Now));
    }

    [Fact]
    public void Receiver_rejects_a_timestamp_older_than_five_minutes()
    {
        var timestamp = Now.AddMinutes(-6).ToUnixTimeSeconds();
        var signature = WebhookSignature.Compute(Secret, timestamp, Body);

        Assert.True(WebhookSignature.Verify(Secret, timestamp, Body, signature));
        Assert.False(WebhookSignature.Verify(Secret, timestamp.ToString(), Body, signature, Now));
    }

    [Theory]
    [InlineData("tampered body")]
    [InlineData("wrong secret")]
    [InlineData("other timestamp")]
    [InlineData("missing signature")]
    [InlineData("bad timestamp")]
    public void Receiver_rejects_anything_that_does_not_match(string change)
    {
        var timestamp = Now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Compute(Secret, timestamp, Body);

        var accepted = change switch
        {
            "tampered body" => WebhookSignature.Verify(Secret, timestamp.ToString(), Body.Replace("\"x\"", "\"y\""), signature, Now),
            "wrong secret" => WebhookSignature.Verify(Secret + "!", timestamp.ToString(), Body, signature, Now),
            "other timestamp" => WebhookSignature.Verify(Secret, (timestamp - 1).ToString(), Body, signature, Now),
            "missing signature" => WebhookSignature.Verify(Secret, timestamp.ToString(), Body, null, Now),
            _ => WebhookSignature.Verify(Secret, "yesterday", Body, signature, Now),
        };

        Assert.False(accepted);
    }
}
