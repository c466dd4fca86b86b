using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace IdentityHub.Core.Mfa;

/// <summary>
/// Authenticator apps (RFC 6238, requirement M12), computed with Otp.NET: SHA-1, 6 digits, 30-second
/// steps, the parameters every common app supports. One step of clock drift either way is accepted and
/// each code is accepted once.
/// </summary>
public static class Totp
{
    /// <summary>Digits in a code.</summary>
    public const int Digits = 6;

    /// <summary>Seconds in a time step.</summary>
    private const int PeriodSeconds = 30;

    /// <summary>Steps accepted either side of the current one (clock drift).</summary>
    private const int DriftSteps = 1;

    private const int SecretBytes = 20;

    /// <summary>A new shared secret: 20 bytes (160 bits, the HMAC-SHA-1 block RFC 4226 recommends) from a
    /// cryptographic generator.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>The secret in RFC 4648 base32 (upper case, no <c>=</c> padding), as authenticator apps take it.</summary>
    public static string ToBase32(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Length == 0 ? string.Empty : Base32Encoding.ToString(secret).TrimEnd('=');
    }

    /// <summary>The secret from base32; spaces, dashes, padding and lower case are accepted, so the
    /// output of <see cref="ForDisplay"/> reads back.</summary>
    /// <exception cref="ArgumentException">The text is not base32.</exception>
    public static byte[] FromBase32(string base32)
    {
        ArgumentNullException.ThrowIfNull(base32);

        var builder = new StringBuilder(base32.Length);
        foreach (var c in base32)
        {
            if (!char.IsWhiteSpace(c) && c != '-' && c != '=')
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        var text = builder.ToString();
        if (text.Any(c => c is not (>= 'A' and <= 'Z') and not (>= '2' and <= '7')))
        {
            throw new ArgumentException("The key is not base32 (letters A-Z and digits 2-7).", nameof(base32));
        }

        return text.Length == 0 ? [] : Base32Encoding.ToBytes(text);
    }

    /// <summary>The key as people type it into an app by hand: base32 in groups of four separated by
    /// spaces, e.g. <c>JBSW Y3DP EHPK 3PXP</c>.</summary>
    public static string ForDisplay(byte[] secret) => string.Join(' ', ToBase32(secret).Chunk(4).Select(group => new string(group)));

    /// <summary>
    /// The key URI that the QR code carries:
    /// <c>otpauth://totp/{issuer}:{account}?secret=…&amp;issuer={issuer}&amp;algorithm=SHA1&amp;digits=6&amp;period=30</c>.
    /// Issuer and account are percent-escaped (a space as <c>%20</c>, <c>@</c> as <c>%40</c>); the
    /// <c>:</c> between them is not.
    /// </summary>
    public static string OtpAuthUri(byte[] secret, string issuer, string account)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(account);

        var escapedIssuer = Uri.EscapeDataString(issuer);
        return $"otpauth://totp/{escapedIssuer}:{Uri.EscapeDataString(account)}" +
            $"?secret={ToBase32(secret)}&issuer={escapedIssuer}&algorithm=SHA1&digits={Digits}&period={PeriodSeconds}";
    }

    /// <summary>
    /// Checks a typed code against the current step and <see cref="DriftSteps"/> step either side.
    /// The input is normalised as in <see cref="OneTimeCodes.Normalize"/> (spaces and dashes removed).
    /// A code whose step is at or before <paramref name="lastUsedStep"/> is refused as
    /// <see cref="TotpOutcome.Replayed"/>, so each code works once even inside its window, and an older
    /// code cannot follow a newer one. On <see cref="TotpOutcome.Accepted"/> the caller stores
    /// <see cref="TotpCheck.MatchedStep"/> as the new last used step.
    /// </summary>
    public static TotpCheck Verify(byte[] secret, string entered, DateTimeOffset now, long? lastUsedStep)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentOutOfRangeException.ThrowIfZero(secret.Length, nameof(secret));

        var code = OneTimeCodes.Normalize(entered);
        if (code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return new TotpCheck(TotpOutcome.Malformed, null);
        }

        var typed = Encoding.ASCII.GetBytes(code);
        var hotp = new Hotp(secret, OtpHashMode.Sha1, Digits);
        var current = StepAt(now);
        long? fresh = null;
        long? used = null;

        // Every step in the window is computed and compared, so timing does not tell which one matched.
        for (var step = current - DriftSteps; step <= current + DriftSteps; step++)
        {
            var expected = Encoding.ASCII.GetBytes(hotp.ComputeHOTP(step));
            if (!CryptographicOperations.FixedTimeEquals(typed, expected))
            {
                continue;
            }

            if (lastUsedStep is { } last && step <= last)
            {
                used = step;
            }
            else
            {
                fresh ??= step;
            }
        }

        return (fresh, used) switch
        {
            ({ } step, _) => new TotpCheck(TotpOutcome.Accepted, step),
            (null, { } step) => new TotpCheck(TotpOutcome.Replayed, step),
            _ => new TotpCheck(TotpOutcome.Wrong, null),
        };
    }

    /// <summary>The RFC 6238 time step of <paramref name="time"/>: Unix seconds divided by 30.</summary>
    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / PeriodSeconds;

    /// <summary>The code an app shows at <paramref name="time"/>; for tests and for checking an
    /// enrollment.</summary>
    public static string CodeAt(byte[] secret, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentOutOfRangeException.ThrowIfZero(secret.Length, nameof(secret));
        return new Hotp(secret, OtpHashMode.Sha1, Digits).ComputeHOTP(StepAt(time));
    }
}
