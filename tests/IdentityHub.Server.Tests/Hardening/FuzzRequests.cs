using System.Net.Http.Headers;
using System.Text;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Hardening;

/// <summary>
/// Builds one request for a target from a seeded <see cref="Random"/>: plausible values for every
/// parameter, then one to three of them broken (NUL and other control characters, very long values,
/// bad UTF-8 and malformed percent escapes, wrong types, duplicates, values that look like attacks),
/// sent as a query or as a body in a usual or an odd content type. Values are kept percent-encoded, so
/// that broken escapes reach the server as they are.
/// </summary>
public sealed class FuzzRequests(Random random, string antiforgeryToken)
{
    private static readonly string[] ControlCharacters = [.. Enumerable.Range(1, 31).Select(c => $"%{c:X2}"), "%7F"];
    private static readonly string[] BadUtf8 = ["%C3%28", "%FF%FE", "%ED%A0%80", "%E2%82", "%C0%AF", "%F8%88%80%80%80", "%80"];
    private static readonly string[] BadEscapes = ["%", "%z", "%%41", "%4", "%u0041", "%G0"];
    private static readonly string[] WrongTypes = ["x", "-1", "99999999999999999999", "1e309", "NaN", "true false", "[]", "{}", "0x10", "on", ""];
    private static readonly string[] Hostile =
    [
        "'; DROP TABLE \"AspNetUsers\"; --", "<script>alert(1)</script>", "../../etc/passwd", "javascript:alert(1)",
        "//evil.example/", "https://evil.example/signin-oidc", "${jndi:ldap://x}", "{{7*7}}", "%2e%2e%2f", "\\\\evil\\share",
    ];
    private static readonly string[] Unicode = ["%F0%9F%98%80", "%E2%80%AE", "%EF%BF%BF", "%CC%81%CC%81%CC%81", "%EF%BB%BF", "%E2%80%8B"];

    private static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded; charset=utf-7", "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=\"\"", "application/x-www-form-urlencoded; charset=bogus",
        "application/x-www-form-urlencoded;;;", "multipart/form-data", "multipart/form-data; boundary=x",
        "application/json", "text/plain", "application/octet-stream", "a/b/c",
    ];

    public (HttpRequestMessage Request, string Description) Next(FuzzTarget target)
    {
        var pairs = target.Parameters.Select(parameter => (Name: Uri.EscapeDataString(parameter.Name), Value: Plausible(parameter))).ToList();
        Mutate(pairs);
        var path = target.Path.Contains('{', StringComparison.Ordinal) ? FillRouteValues(target.Path) : target.Path;
        var query = target.Handler is null ? new List<(string, string)>() : [("handler", Uri.EscapeDataString(target.Handler))];
        var request = new HttpRequestMessage(new HttpMethod(target.Method), "https://localhost");
        var description = new StringBuilder(target.ToString());
        if (target.Method == "GET" || random.Next(6) == 0)
        {
            query.AddRange(pairs);
            pairs.Clear();
        }

        if (target.Method != "GET")
        {
            if (random.Next(10) != 0)
            {
                pairs.Add((HtmlPage.AntiforgeryField, Uri.EscapeDataString(antiforgeryToken)));
            }

            var body = Join(pairs);
            var contentType = random.Next(4) == 0 ? ContentTypes[random.Next(ContentTypes.Length)] : "application/x-www-form-urlencoded";
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            description.Append(" [").Append(contentType).Append("] body: ").Append(Shorten(body));
        }

        if (target.Path.StartsWith("/connect", StringComparison.Ordinal) && random.Next(5) == 0)
        {
            var id = random.Next(3) == 0 ? Broken() : TestClients.Portal;
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(id) + ":" + TestClients.PortalSecret)));
            description.Append(" basic: ").Append(id);
        }

        var url = path + (query.Count == 0 ? "" : "?" + Join(query));
        request.RequestUri = new Uri("https://localhost" + url);
        description.Insert(0, Shorten(url) + " | ");
        return (request, description.ToString());
    }

    /// <summary>A value that passes the first checks, so that the request reaches deeper code.</summary>
    private string Plausible(FuzzParameter parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        if (type == typeof(bool))
        {
            return random.Next(2) == 0 ? "true" : "false";
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return random.Next(0, 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            return names[random.Next(names.Length)];
        }

        return Uri.EscapeDataString(parameter.Name switch
        {
            "client_id" => random.Next(2) == 0 ? TestClients.Portal : TestClients.PublicPortal,
            "redirect_uri" => TestClients.RedirectUri,
            "post_logout_redirect_uri" => TestClients.PostLogoutRedirectUri,
            "response_type" => "code",
            "scope" => "openid profile " + TestClients.ApiScope,
            "code_challenge" => "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "code_challenge_method" => "S256",
            "grant_type" => new[] { "authorization_code", "refresh_token", "client_credentials" }[random.Next(3)],
            "prompt" => new[] { "none", "login", "consent" }[random.Next(3)],
            "max_age" => "60",
            "ReturnUrl" or "returnUrl" => "/connect/authorize?client_id=test-portal",
            var name when name.Contains("Email", StringComparison.OrdinalIgnoreCase) => "nobody@clinic.example",
            var name when name.Contains("Username", StringComparison.OrdinalIgnoreCase) => "nobody-fuzz",
            _ => "value" + random.Next(100),
        });
    }

    private void Mutate(List<(string Name, string Value)> pairs)
    {
        if (pairs.Count == 0 || random.Next(8) == 0)
        {
            pairs.Add((random.Next(3) == 0 ? "x%00" : "unknown" + random.Next(10), Broken()));
        }

        for (var count = random.Next(1, 4); count > 0 && pairs.Count > 0; count--)
        {
            var index = random.Next(pairs.Count);
            var (name, value) = pairs[index];
            switch (random.Next(5))
            {
                case 0:
                    pairs.RemoveAt(index);
                    break;
                case 1:
                    pairs.Add((name, Broken())); // the same parameter twice
                    break;
                default:
                    pairs[index] = (name, random.Next(3) == 0 ? value + Broken() : Broken());
                    break;
            }
        }
    }

    /// <summary>One broken value, already percent-encoded (or deliberately not).</summary>
    private string Broken() => random.Next(9) switch
    {
        0 => random.Next(2) == 0 ? "%00" : "a%00b",
        1 => "ab" + ControlCharacters[random.Next(ControlCharacters.Length)] + "cd",
        2 => new string('a', random.Next(2) == 0 ? 5_000 : 70_000),
        3 => "x" + BadUtf8[random.Next(BadUtf8.Length)],
        4 => "x" + BadEscapes[random.Next(BadEscapes.Length)],
        5 => Uri.EscapeDataString(WrongTypes[random.Next(WrongTypes.Length)]),
        6 => Uri.EscapeDataString(Hostile[random.Next(Hostile.Length)]),
        7 => Unicode[random.Next(Unicode.Length)],
        _ => "",
    };

    // Not an encoded NUL in the path: Kestrel refuses it with 400 before any application code runs, and the test
    // host cannot carry it at all (it throws while building the request).
    private string FillRouteValues(string path) =>
        string.Join('/', path.Split('/').Select(segment => segment.StartsWith('{') ? BrokenRouteValue() : segment));

    private string BrokenRouteValue()
    {
        var value = Broken();
        return value.Contains("%00", StringComparison.Ordinal) ? "ab" + ControlCharacters[random.Next(ControlCharacters.Length)] + "cd" : value;
    }

    private static string Join(IEnumerable<(string Name, string Value)> pairs) => string.Join('&', pairs.Select(pair => pair.Name + "=" + pair.Value));

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + $"…({text.Length} chars)";
}
