using IdentityHub.Core.Keys;
using IdentityHub.Data;
using IdentityHub.Data.Keys;
using IdentityHub.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Keys;

/// <summary>
/// Keeps this node's copy of the signing and encryption keys stored in the database, creating the
/// first key and each scheduled successor. Every node runs the same plan over the same rows, and a
/// unique index makes a second node's duplicate insert fail harmlessly.
/// </summary>
internal sealed partial class KeyRing(
    IServiceScopeFactory scopes,
    KeyMaterial material,
    IOptions<IdentityHubOptions> options,
    TimeProvider time,
    ILogger<KeyRing> logger) : IDisposable
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Dictionary<string, SecurityKey> _opened = new(StringComparer.Ordinal);
    private KeyRingSnapshot? _current;
    private CancellationTokenSource _changed = new();

    public KeyRingSnapshot Current => _current ?? LoadFirstTime();

    /// <summary>The keys loaded so far, without loading them (the readiness check asks): null before the first load.</summary>
    public KeyRingSnapshot? Loaded => _current;

    public IChangeToken ChangeToken => new CancellationChangeToken(_changed.Token);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var snapshot = await BuildSnapshotAsync(cancellationToken);
            if (_current?.Fingerprint == snapshot.Fingerprint)
            {
                return;
            }

            _current = snapshot;
            var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
            await previous.CancelAsync();
            previous.Dispose();
        }
        finally
        {
            _refreshing.Release();
        }
    }

    // OpenIddict may read its options before the hosted refresher has run (for example in tooling).
    private KeyRingSnapshot LoadFirstTime()
    {
        RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();
        return _current!;
    }

    private async Task<KeyRingSnapshot> BuildSnapshotAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        var stored = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);

        var settings = RotationSettings();
        var now = time.GetUtcNow();
        var plans = new Dictionary<KeyUse, KeyRotationPlan>();
        foreach (var use in Enum.GetValues<KeyUse>())
        {
            var plan = KeyRotationPlan.For(use, stored.Select(key => key.ToSchedule()), settings, now, NewKeyId);
            if (plan.ToCreate is { } schedule)
            {
                if (!await TryInsertAsync(db, material.Create(schedule), cancellationToken))
                {
                    // Another node created the same key first: start over from its rows.
                    return await BuildSnapshotAsync(cancellationToken);
                }

                stored = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
                plan = KeyRotationPlan.For(use, stored.Select(key => key.ToSchedule()), settings, now, NewKeyId);
            }

            plans[use] = plan;
        }

        var byId = stored.ToDictionary(key => key.Id, StringComparer.Ordinal);
        SecurityKey[] Published(KeyUse use) => [.. plans[use].Published.Select(key => Open(byId[key.KeyId]))];

        // One rotating key per algorithm others check (decision 0043); each plan lists its active key first.
        var published = TokenSigningAlgorithms.All.ToDictionary(
            algorithm => algorithm,
            algorithm => Published(TokenSigningAlgorithms.KeyUseOf(algorithm)).Select(key => new SigningCredentials(key, algorithm)).ToList(),
            StringComparer.Ordinal);

        // The server's own tokens first (HS256 inside A256KW); access and ID tokens take the active key of the
        // algorithm chosen for them (see ServerTokenCredentials). RSA-OAEP encryption keys of earlier versions stay until they expire.
        return new KeyRingSnapshot(
            [
                .. Published(KeyUse.ServerSigning).Select(key => new SigningCredentials(key, SecurityAlgorithms.HmacSha256)),
                .. TokenSigningAlgorithms.All.SelectMany(algorithm => published[algorithm]),
            ],
            [
                .. Published(KeyUse.Encryption).OrderBy(key => key is RsaSecurityKey).Select(key => key is RsaSecurityKey
                    ? new EncryptingCredentials(key, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512)
                    : new EncryptingCredentials((SymmetricSecurityKey)key, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512)),
            ],
            published.ToDictionary(pair => pair.Key, pair => pair.Value[0], StringComparer.Ordinal));
    }

    /// <summary>The rotation timing from the settings; a retired key outlives every token it may have signed.</summary>
    public KeyRotationSettings RotationSettings()
    {
        var keys = options.Value.Keys;
        var tokens = options.Value.Tokens;
        // A retired key must outlive every token it signed or encrypted.
        var longestToken = new[]
        {
            tokens.AccessTokenLifetime, tokens.IdentityTokenLifetime, tokens.AuthorizationCodeLifetime,
            tokens.RefreshTokenLifetime, tokens.RefreshTokenAbsoluteLifetime,
        }.Max();
        return new KeyRotationSettings(keys.RotationInterval, keys.PublishAhead, longestToken + TimeSpan.FromMinutes(5));
    }

    private async Task<bool> TryInsertAsync(IdentityHubDbContext db, StoredKey key, CancellationToken cancellationToken)
    {
        db.SigningKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogKeyCreated(key.Use, key.Id, key.ActivatesAt);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private SecurityKey Open(StoredKey stored)
    {
        lock (_opened)
        {
            if (!_opened.TryGetValue(stored.Id, out var key))
            {
                key = material.Open(stored);
                _opened[stored.Id] = key;
            }

            return key;
        }
    }

    public void Dispose()
    {
        _refreshing.Dispose();
        _changed.Dispose();
    }

    private static string NewKeyId() => Guid.CreateVersion7().ToString("N");

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Use} key {KeyId}, active from {ActivatesAt:o}")]
    private partial void LogKeyCreated(KeyUse use, string keyId, DateTimeOffset activatesAt);
}
