using System.Collections.Concurrent;
using IdentityHub.Benchmarks.Load;
using IdentityHub.Benchmarks.Seeding;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityHub.Benchmarks.Scenarios;

/// <summary>What a scenario's numbers are compared with.</summary>
public enum HardwareBound
{
    /// <summary>RSA-2048 private-key operations (signing tokens, decrypting codes and refresh tokens).</summary>
    RsaSignatures,

    /// <summary>Password hashes at the configured cost.</summary>
    PasswordHashes,

    /// <summary>No private-key work per request (tokens are only verified).</summary>
    None,
}

/// <summary>A prepared scenario: the operation to repeat and how many RSA private-key operations it makes.</summary>
public sealed record PreparedScenario(Func<CancellationToken, Task> Operation, double PrivateKeyOperations)
{
    /// <summary>ECDSA P-256 signatures (ES256 tokens) it makes: IdentityHub's ES256 rows.</summary>
    public double EcdsaSignatures { get; init; }
}

/// <summary>One benchmark scenario, runnable against IdentityHub and (when <see cref="Compared"/>) oidc-provider.</summary>
public abstract class Scenario
{
    public abstract string Key { get; }

    public abstract string Title { get; }

    /// <summary>HTTP requests one operation makes (a round trip or a sign-in is several).</summary>
    public abstract int RequestsPerOperation { get; }

    public abstract bool Compared { get; }

    public abstract HardwareBound Bound { get; }

    /// <summary>Whether the p99 latency target (under 50 ms at 80% of saturation) applies.</summary>
    public virtual bool HasLatencyTarget => true;

    /// <summary>
    /// Whether IdentityHub is also driven at twice its saturation rate, where its overload limits must refuse the
    /// excess at once (503) and keep the admitted requests' p99 under 50 ms: the token endpoint's scenarios.
    /// </summary>
    public virtual bool Overloaded => false;

    public abstract Task<PreparedScenario> PrepareAsync(Target target, ScenarioContext context, CancellationToken cancellationToken);

    /// <summary>
    /// RSA private-key operations behind the tokens: each token issued with an RSA key (a JWS signed RS256, or a
    /// JWE whose key is wrapped with RSA-OAEP, signed inside with RS256) costs one signature, each such JWE received
    /// one decryption. Opaque tokens and JWEs wrapped with a symmetric key (HS256 inside A256KW) cost none.
    /// </summary>
    public static double PrivateKeyOperations(IEnumerable<string?> issued, IEnumerable<string?> received) =>
        issued.Count(UsesRsa) + received.Count(token => UsesRsa(token) && Parts(token!) == 5);

    /// <summary>ES256 signatures behind the tokens issued (each ES256 JWS is one).</summary>
    public static double EcdsaSignatures(IEnumerable<string?> issued) =>
        issued.Count(token => token is not null && Parts(token) == 3 && HeaderAlgorithm(token) == "ES256");

    /// <summary>
    /// The token must be a JWS. At the RS256 setup (the comparison) it must be signed RS256; at another setup a token
    /// signed otherwise is only a warning: a server that does not know the setting signs RS256, and its row says so.
    /// </summary>
    public static void RequireSignedJwt(Target target, string? token, string what)
    {
        if (token is null || Parts(token) != 3)
        {
            throw new OperationFailedException($"the {what} is not a JWT: " + OAuthFlows.Shorten(token ?? "(none)"));
        }

        var algorithm = HeaderAlgorithm(token);
        if (algorithm == target.Clients.Algorithm)
        {
            return;
        }

        if (target.Clients == TargetClients.Rs256)
        {
            throw new OperationFailedException($"the {what} is not an RS256 JWT: " + OAuthFlows.Shorten(token));
        }

        target.WarnOnce($"the {what} is signed {algorithm ?? "(no alg)"}, not {target.Clients.Algorithm}: this server does not apply the signing-algorithm settings, so these rows measure {algorithm} tokens.");
    }

    private static bool UsesRsa(string? token) =>
        token is not null && Parts(token) is 3 or 5 && HeaderAlgorithm(token) is { } alg && alg.StartsWith("RS", StringComparison.Ordinal);

    /// <summary>The <c>alg</c> of a JWS or JWE's header; null when the token has no readable header.</summary>
    internal static string? HeaderAlgorithm(string token)
    {
        try
        {
            var dot = token.IndexOf('.', StringComparison.Ordinal);
            using var header = System.Text.Json.JsonDocument.Parse(Base64UrlTextEncoder.Decode(dot < 0 ? token : token[..dot]));
            return header.RootElement.TryGetProperty("alg", out var alg) ? alg.GetString() : null;
        }
        catch (Exception exception) when (exception is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static int Parts(string token) => token.Count(c => c == '.') + 1;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new ClientCredentialsScenario(),
        new RefreshScenario(),
        new SsoRoundTripScenario(),
        new FullSignInScenario(),
        new UserInfoScenario(),
        new IntrospectionScenario(),
    ];
}

/// <summary>Shared between scenarios: seeded users and signed-in browser sessions per target.</summary>
public sealed class ScenarioContext(IReadOnlyList<BenchUser> users, int poolSize)
{
    private readonly Dictionary<string, List<HttpSession>> _sessions = [];
    private int _nextUser;

    public IReadOnlyList<BenchUser> Users { get; } = users;

    /// <summary>How many sessions or refresh chains to keep: enough for the closed loop and the open loop's bursts.</summary>
    public int PoolSize { get; } = poolSize;

    public BenchUser NextUser() => Users[(int)((uint)Interlocked.Increment(ref _nextUser) % (uint)Users.Count)];

    /// <summary>Signed-in sessions at <paramref name="target"/> (made once, reused by later scenarios).</summary>
    public async Task<IReadOnlyList<HttpSession>> SessionsAsync(Target target, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(target.Name, out var made))
        {
            return made;
        }

        made = [];
        for (var i = 0; i < PoolSize; i++)
        {
            var session = target.NewSession();
            await target.SignIn!(session, Users[i], cancellationToken);
            made.Add(session);
        }

        _sessions[target.Name] = made;
        return made;
    }

}

/// <summary>
/// Sessions or refresh chains, each used by one operation at a time. An operation that finds them all
/// busy waits for one (its latency still counts from when it was due).
/// </summary>
public sealed class Pool<T> : IDisposable
{
    private readonly ConcurrentQueue<T> _items;
    private readonly SemaphoreSlim _free;

    public Pool(IEnumerable<T> items)
    {
        _items = new ConcurrentQueue<T>(items);
        _free = new SemaphoreSlim(_items.Count);
    }

    public void Dispose() => _free.Dispose();

    public T Peek() => _items.TryPeek(out var item) ? item : throw new InvalidOperationException("The pool is empty.");

    /// <summary>Takes an item, runs the operation and puts the item (or its successor) back.</summary>
    public async Task UseAsync(Func<T, Task<T>> use, CancellationToken cancellationToken)
    {
        await _free.WaitAsync(cancellationToken);
        _items.TryDequeue(out var item);
        var next = item!;
        try
        {
            next = await use(item!);
        }
        finally
        {
            _items.Enqueue(next);
            _free.Release();
        }
    }
}
