using System.Net;
using System.Net.Http.Headers;

namespace IdentityHub.Benchmarks.Load;

/// <summary>
/// One virtual user: a cookie jar over the target's shared, connection-reusing HttpClient. Redirects
/// are followed by hand so that each hop is one measured request. Cookies are kept by name only (the
/// servers are behind a pretend TLS proxy, so their cookies are marked Secure over plain HTTP).
/// </summary>
public sealed class HttpSession(Target target)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public Target Target { get; } = target;

    public bool HasCookies => _cookies.Count > 0;

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, pathAndQuery), cancellationToken);

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) }, cancellationToken);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", _cookies.Select(cookie => cookie.Key + "=" + cookie.Value)));
        }

        var response = await Target.Http.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                Remember(header);
            }
        }

        return response;
    }

    /// <summary>Where a redirect points, as a path and query on the same server (or the absolute URL when it leaves it).</summary>
    public static string? RedirectTarget(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect)
            || !response.Headers.TryGetValues("Location", out var locations))
        {
            return null;
        }

        // The raw header: on Linux a parsed "/path" would be taken for an absolute file: URI.
        return locations.First();
    }

    public string? PathOnServer(string? url) =>
        url is null ? null
        : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? (Target.IsOwnAuthority(new Uri(url)) ? new Uri(url).PathAndQuery : null)
            : url;

    private void Remember(string header)
    {
        var first = header.Split(';', 2)[0];
        var equals = first.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return;
        }

        var name = first[..equals].Trim();
        var value = first[(equals + 1)..].Trim();
        var attributes = header.ToLowerInvariant();
        var expired = value.Length == 0 || attributes.Contains("max-age=0", StringComparison.Ordinal)
            || attributes.Contains("expires=thu, 01 jan 1970", StringComparison.Ordinal);
        if (expired)
        {
            _cookies.Remove(name);
        }
        else
        {
            _cookies[name] = value;
        }
    }
}

/// <summary>A server under test: its address, its endpoints and the shared HttpClient the virtual users use.</summary>
public sealed class Target : IDisposable
{
    public Target(string name, Uri baseAddress, Uri issuer, Servers.PinnedProcess process, TargetPaths paths, string secret)
    {
        Name = name;
        BaseAddress = baseAddress;
        Issuer = issuer;
        Process = process;
        Paths = paths;
        Secret = secret;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 512,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        };
        Http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        // Both servers sit behind a pretend TLS-terminating proxy, as in production.
        Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public Uri Issuer { get; }

    public Servers.PinnedProcess Process { get; }

    public TargetPaths Paths { get; }

    public string Secret { get; }

    /// <summary>Shared by the virtual users: connections are reused (keep-alive), cookies are theirs.</summary>
    public HttpClient Http { get; }

    public const string RedirectUri = "https://portal.bench/signin-oidc";

    /// <summary>The clients and API resource the scenarios use at this target (RS256 unless it is the ES256 setup).</summary>
    public TargetClients Clients { get; private init; } = TargetClients.Rs256;

    /// <summary>IdentityHub's counters (its scrape endpoint); null for oidc-provider.</summary>
    public Machine.ServerCounters? Counters { get; set; }

    /// <summary>Signs a virtual user in, leaving the server's session cookie in its jar.</summary>
    public Func<HttpSession, Seeding.BenchUser, CancellationToken, Task>? SignIn { get; set; }

    /// <summary>The server's own database (for counting its transactions per operation).</summary>
    public string? DatabaseConnectionString { get; set; }

    /// <summary>oidc-provider honours offline_access only with prompt=consent (OpenID Connect Core 11).</summary>
    public string? OfflineAccessPrompt { get; set; }

    /// <summary>IdentityHub's development outbox, where the emailed codes land.</summary>
    public OutboxCodes? Outbox { get; set; }

    public bool IsOwnAuthority(Uri url) =>
        string.Equals(url.Authority, BaseAddress.Authority, StringComparison.OrdinalIgnoreCase)
        || string.Equals(url.Authority, Issuer.Authority, StringComparison.OrdinalIgnoreCase);

    public HttpSession NewSession() => new(this);

    /// <summary>
    /// The same server under another name, through other clients (the ES256 setup): its own connections and sessions,
    /// the same process, counters, database and outbox.
    /// </summary>
    public Target Through(string name, TargetClients clients) =>
        new(name, BaseAddress, Issuer, Process, Paths, Secret)
        {
            Clients = clients,
            Counters = Counters,
            SignIn = SignIn,
            DatabaseConnectionString = DatabaseConnectionString,
            OfflineAccessPrompt = OfflineAccessPrompt,
            Outbox = Outbox,
        };

    /// <summary>Prints a warning about this target once (the same text again is not repeated).</summary>
    public void WarnOnce(string warning)
    {
        lock (_warnings)
        {
            if (_warnings.Add(warning))
            {
                Console.WriteLine($"  WARNING ({Name}): {warning}");
            }
        }
    }

    private readonly HashSet<string> _warnings = new(StringComparer.Ordinal);

    public void Dispose() => Http.Dispose();
}

/// <summary>
/// A service client, a portal client and the API resource they ask for. <see cref="Rs256"/> is the comparison with
/// oidc-provider; <see cref="Es256"/> is IdentityHub only, with ES256 access tokens (the resource) and ID tokens (the portal).
/// </summary>
public sealed record TargetClients(string Service, string Portal, string ApiScope, string Algorithm)
{
    public static TargetClients Rs256 { get; } = new("bench-service", "bench-portal", "portal-api", "RS256");

    public static TargetClients Es256 { get; } = new("bench-service-es256", "bench-portal-es256", "portal-api-es256", "ES256");

    public string SsoScope => "openid profile email " + ApiScope;

    public string OfflineScope => "openid profile email offline_access " + ApiScope;
}

public sealed record TargetPaths(string Authorize, string Token, string UserInfo, string Introspection);
