using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Connect.Clients;

/// <summary>
/// The public keys of <c>private_key_jwt</c> clients that registered a <c>jwks_uri</c> instead of inline keys: fetched
/// over https (5 s timeout, 64 KiB at most), kept by each node for five minutes so that a client's key rotation is seen
/// soon, and the last good set kept when the client's server does not answer.
/// </summary>
public sealed class ClientKeySets(IHttpClientFactory clients, TimeProvider time, ILogger<ClientKeySets> logger)
{
    public const string HttpClientName = "client-key-sets";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const int MaxBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, (JsonWebKeySet Keys, DateTimeOffset Fetched)> _sets = new(StringComparer.Ordinal);

    public async ValueTask<JsonWebKeySet?> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_sets.TryGetValue(uri.AbsoluteUri, out var known) && now - known.Fetched < Lifetime)
        {
            return known.Keys;
        }

        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                throw new InvalidDataException($"The key set is larger than {MaxBytes} bytes.");
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var keys = new JsonWebKeySet(text.Length > MaxBytes ? throw new InvalidDataException($"The key set is larger than {MaxBytes} bytes.") : text);
            if (_sets.Count > 10_000)
            {
                _sets.Clear();
            }

            _sets[uri.AbsoluteUri] = (keys, now);
            return keys;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidDataException or ArgumentException or System.Text.Json.JsonException)
        {
            logger.LogWarning("The key set at {JwksUri} could not be read ({Reason}); {Fallback}.", uri, exception.Message,
                known.Keys is null ? "the client's assertions are refused until it can" : "the last one read is used");
            return known.Keys;
        }
    }
}
