namespace IdentityHub.Core.Keys;

/// <summary>What an operator's rotation changes: the key to create and the stored keys whose schedule changes.</summary>
/// <param name="ToCreate">The new key, or null when a successor is already published (nothing to do).</param>
/// <param name="Changed">Stored keys with their new schedule: the current key retiring earlier, or the keys withdrawn (ending now).</param>
/// <param name="Pending">With nothing to do: the successor already published, which signs from its activation.</param>
public sealed record ManualRotation(KeySchedule? ToCreate, IReadOnlyList<KeySchedule> Changed, KeySchedule? Pending)
{
    /// <summary>
    /// Brings the next rotation forward to now, under the same publish-ahead rule as a scheduled one: the new key is
    /// published at once and signs only after <see cref="KeyRotationSettings.PublishAhead"/>, when the current key
    /// retires (and stays published until the tokens it signed have expired). A successor already published is left
    /// as it is: it takes over on its own schedule.
    /// </summary>
    public static ManualRotation Ahead(KeyUse use, IEnumerable<KeySchedule> stored, KeyRotationSettings settings, DateTimeOffset now, Func<string> newKeyId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(newKeyId);
        var keys = stored.Where(key => key.Use == use && key.IsPublishedAt(now)).ToList();
        if (keys.Where(key => key.ActivatesAt > now).MinBy(key => key.ActivatesAt) is { } upcoming)
        {
            return new ManualRotation(null, [], upcoming);
        }

        var switchAt = now + settings.PublishAhead;
        var created = Schedule(use, newKeyId(), now, switchAt, settings);
        var active = keys.Where(key => key.IsActiveAt(now)).MaxBy(key => key.ActivatesAt);
        var changed = active is null || active.RetiresAt <= switchAt
            ? []
            : new[] { active with { RetiresAt = switchAt, ExpiresAt = switchAt + settings.RetainAfterRetirement } };
        return new ManualRotation(created, changed, null);
    }

    /// <summary>
    /// Replaces the key at once, for a suspected compromise: the new key signs now and every other key of this use
    /// is withdrawn (no longer published or accepted), so tokens they signed or protected stop validating.
    /// </summary>
    public static ManualRotation Immediately(KeyUse use, IEnumerable<KeySchedule> stored, KeyRotationSettings settings, DateTimeOffset now, Func<string> newKeyId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(newKeyId);
        var withdrawn = stored
            .Where(key => key.Use == use && key.IsPublishedAt(now))
            .Select(key => key with { RetiresAt = key.RetiresAt < now ? key.RetiresAt : now, ExpiresAt = now })
            .ToList();
        return new ManualRotation(Schedule(use, newKeyId(), now, now, settings), withdrawn, null);
    }

    private static KeySchedule Schedule(KeyUse use, string keyId, DateTimeOffset now, DateTimeOffset activatesAt, KeyRotationSettings settings)
    {
        var retiresAt = activatesAt + settings.RotationInterval;
        return new KeySchedule(keyId, use, now, activatesAt, retiresAt, retiresAt + settings.RetainAfterRetirement);
    }
}
