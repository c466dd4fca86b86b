using System.Security.Cryptography;
using System.Text;

namespace IdentityHub.Delivery.Webhook;

/// <summary>
/// The signature on webhook deliveries: <c>sha256=</c> and the lowercase hex HMAC-SHA256, keyed with the shared
/// secret, of <c>"{timestamp}.{raw body}"</c>. Receivers check it with <see cref="Verify(string, string?, string, string?, DateTimeOffset)"/>.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header carrying the Unix time (seconds) the request was signed at.</summary>
    public const string TimestampHeader = "X-IdentityHub-Timestamp";

    /// <summary>The header carrying <c>sha256=&lt;hex&gt;</c>.</summary>
    public const string SignatureHeader = "X-IdentityHub-Signature";

    /// <summary>How old a timestamp a receiver should accept (and how far in the future, for clock skew).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private const string Prefix = "sha256=";

    /// <summary>The value of the <see cref="SignatureHeader"/> for this timestamp and raw body.</summary>
    public static string Compute(string secret, long timestamp, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Whether the signature matches the timestamp and raw body (constant-time comparison). Does not check the age.</summary>
    public static bool Verify(string secret, long timestamp, string body, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(signature.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>
    /// What a receiver does with the two headers and the raw body: the timestamp must be a number within
    /// <see cref="MaxAge"/> of <paramref name="now"/>, and the signature must match.
    /// </summary>
    public static bool Verify(string secret, string? timestampHeader, string body, string? signatureHeader, DateTimeOffset now)
    {
        if (!long.TryParse(timestampHeader, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799));
        return age.Duration() <= MaxAge && Verify(secret, timestamp, body, signatureHeader);
    }
}
