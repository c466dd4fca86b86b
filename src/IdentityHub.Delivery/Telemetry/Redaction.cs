using System.Text.RegularExpressions;

namespace IdentityHub.Delivery.Telemetry;

/// <summary>
/// The redaction policy of every log line (docs/operations.md, "Logs"): email addresses and phone numbers are
/// masked to what a help desk may read back (<c>j***@example.org</c>, <c>***-***-2652</c>); tokens (JWTs) and
/// the values of secret-bearing parameters (<c>code=</c>, <c>password=</c>, <c>client_secret=</c>, …) are
/// replaced. Log calls should not hand such data to a logger in the first place; this is the net under them, used
/// by the console formatters for every message, state value, scope and exception, and by the delivery code for
/// providers' own error texts, which may quote the address they refused.
/// </summary>
public static partial class Redaction
{
    /// <summary>What stands in for a token or a secret parameter's value.</summary>
    public const string Redacted = "[redacted]";

    /// <summary><c>jane.doe@example.org</c> → <c>j***@example.org</c>.</summary>
    public static string Email(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : string.Concat(address.AsSpan(0, 1), "***", address.AsSpan(at));
    }

    /// <summary><c>+16505552652</c> or <c>(650) 555-2652</c> → <c>***-***-2652</c>: the last four digits only.</summary>
    public static string Phone(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        Span<char> last = stackalloc char[4];
        var found = 0;
        for (var i = number.Length - 1; i >= 0 && found < 4; i--)
        {
            if (char.IsAsciiDigit(number[i]))
            {
                last[3 - found++] = number[i];
            }
        }

        return found < 4 ? "***" : string.Concat("***-***-", last);
    }

    /// <summary>The text with every email address, phone number, token and secret parameter value masked; the same string when there is none.</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 8)
        {
            return text;
        }

        return Sensitive().Replace(text, static match =>
            match.Groups["email"].Success ? Email(match.Value)
            : match.Groups["phone"].Success ? Phone(match.Value)
            : match.Groups["jwt"].Success || match.Groups["opaque"].Success ? Redacted
            : match.Groups["json"].Success ? match.Groups["jsonname"].Value + Redacted + "\""
            : match.Groups["name"].Value + Redacted);
    }

    // One pass over the text: emails; E.164 and North American phone numbers; JWTs (and JWEs); the value of a
    // parameter that carries a secret, in a query or form (name=value) or in JSON ("name": "value"); and any opaque
    // random-looking run of 40 or more base64url characters with digits and both cases (a reference token such as an
    // authorization code or refresh token handle, a client secret), which OpenIddict names in its Trace lines.
    [GeneratedRegex("""
        (?<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})
        |(?<phone>(?<![\w+])(?:\+\d{8,15}|\(?\d{3}\)?[ .\-]\d{3}[ .\-]\d{4})(?!\w))
        |(?<jwt>\beyJ[A-Za-z0-9_\-]{4,}(?:\.[A-Za-z0-9_\-]*){1,4})
        |(?<opaque>(?-i)(?<![A-Za-z0-9_\-])(?=[A-Za-z0-9_\-]{0,300}?[0-9])(?=[A-Za-z0-9_\-]{0,300}?[a-z])(?=[A-Za-z0-9_\-]{0,300}?[A-Z])[A-Za-z0-9_\-]{40,}(?![A-Za-z0-9_\-]))
        |(?<json>(?<jsonname>"(?:code|password|client_secret|refresh_token|access_token|id_token|id_token_hint|token|code_verifier|client_assertion|logout_token|answer\d*|secret|otp)"\s*:\s*")(?!\[redacted\])[^"]*")
        |(?<name>(?<![\w.])(?:code|password|client_secret|refresh_token|access_token|id_token|id_token_hint|token|code_verifier|client_assertion|logout_token|otp|answer\d*|secret)=)(?!\[redacted\])[^&\s"',;]+
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Sensitive();
}
