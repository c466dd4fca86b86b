using IdentityHub.Delivery.Webhook;

namespace IdentityHub.Delivery.Tests.Webhook;

public sealed class WebhookSignatureTests
{
    private const string Secret = "webhook-test-secret-0123456789abcdef";
    private const string Body = """{"kind":"sms","to":"+16505550123","subject":null,"body":"x","reference":"r"}""";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    // Fixed vectors for the documented scheme (docs/delivery.md): "sha256=" and the lowercase hex
    // HMAC-SHA256, keyed with the secret, of "{timestamp}.{raw body}" in UTF-8. Computed once, outside
    // the implementation, with OpenSSL (1772463600 is Now, 2026-03-02T15:00:00Z, in Unix seconds):
    //   printf '%s' '1772463600.<body>' | openssl dgst -sha256 -hmac 'webhook-test-secret-0123456789abcdef'
    // The second body has non-ASCII letters, so the vector also pins the UTF-8 encoding.
    private const string NonAsciiBody = """{"kind":"email","to":"josé@clinic.example","body":"Código: 123456"}""";

    [Theory]
    [InlineData(Body, "sha256=d4ec9e5b0acafdf0d63526fed3a3a9eba050fe171b7e8c47b40e7215e4268e2d")]
    [InlineData(NonAsciiBody, "sha256=963abda50406a11f2d9b15821e32b21171f99ac37a223d728b7b289a9cc792e9")]
    public void Signature_is_lowercase_hex_hmac_sha256_of_timestamp_dot_body(string body, string expected)
    {
        Assert.Equal(1772463600, Now.ToUnixTimeSeconds());

        Assert.Equal(expected, WebhookSignature.Compute(Secret, 1772463600, body));
        Assert.True(WebhookSignature.Verify(Secret, "1772463600", body, expected, Now));
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
