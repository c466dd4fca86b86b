namespace IdentityHub.Core.Keys;

/// <summary>
/// Decides, for one key use, which key signs now, which keys JWKS publishes, and which new key
/// must be created. Pure logic over the stored schedules so that every node reaches the same answer.
/// </summary>
public sealed class KeyRotationPlan
{
    private KeyRotationPlan(KeySchedule? active, IReadOnlyList<KeySchedule> published, KeySchedule? toCreate)
    {
        Active = active;
        Published = published;
        ToCreate = toCreate;
    }

    /// <summary>The key that signs (or encrypts) now; null only before the first key exists.</summary>
    public KeySchedule? Active { get; }

    /// <summary>Every key to publish, the active one first, then upcoming, then retired ones.</summary>
    public IReadOnlyList<KeySchedule> Published { get; }

    /// <summary>A key the store is missing, or null when nothing needs creating.</summary>
    public KeySchedule? ToCreate { get; }

    public static KeyRotationPlan For(KeyUse use, IEnumerable<KeySchedule> stored, KeyRotationSettings settings, DateTimeOffset now, Func<string> newKeyId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(newKeyId);

        var keys = stored.Where(key => key.Use == use && key.IsPublishedAt(now)).ToList();

        // The newest key whose signing window has begun wins, so an overlap never leaves two signers.
        var active = keys.Where(key => key.IsActiveAt(now)).MaxBy(key => key.ActivatesAt);

        KeySchedule? toCreate = null;
        if (active is null)
        {
            // First start, or every key lapsed while the servers were down: a key that signs at once.
            toCreate = Schedule(use, newKeyId(), now, now, settings);
            active = toCreate;
            keys.Add(toCreate);
        }
        else
        {
            var successorStart = active.RetiresAt;
            var hasSuccessor = keys.Any(key => key.ActivatesAt >= successorStart);
            if (!hasSuccessor && now >= successorStart - settings.PublishAhead)
            {
                toCreate = Schedule(use, newKeyId(), now, successorStart, settings);
                keys.Add(toCreate);
            }
        }

        var published = keys
            .OrderBy(key => key == active ? 0 : key.ActivatesAt > now ? 1 : 2)
            .ThenByDescending(key => key.ActivatesAt)
            .ToList();

        return new KeyRotationPlan(active, published, toCreate);
    }

    private static KeySchedule Schedule(KeyUse use, string keyId, DateTimeOffset now, DateTimeOffset activatesAt, KeyRotationSettings settings)
    {
        var retiresAt = activatesAt + settings.RotationInterval;
        return new KeySchedule(keyId, use, now, activatesAt, retiresAt, retiresAt + settings.RetainAfterRetirement);
    }
}
