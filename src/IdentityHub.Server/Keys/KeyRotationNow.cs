using IdentityHub.Core.Keys;
using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Keys;

/// <summary>What one manual rotation did to one kind of key.</summary>
/// <param name="Created">The new key, or null when a successor was already published.</param>
/// <param name="Pending">The successor already published, when nothing was created.</param>
/// <param name="Withdrawn">Keys withdrawn and deleted (an immediate rotation): no longer published or accepted.</param>
/// <param name="Retiring">The current key, now retiring when the new one signs.</param>
internal sealed record KeyRotationOutcome(KeyUse Use, KeySchedule? Created, KeySchedule? Pending, IReadOnlyList<KeySchedule> Withdrawn, KeySchedule? Retiring);

/// <summary>
/// An operator's rotation (<c>rotate-keys</c>), written in one transaction so that every node reads either the old
/// schedule or the new one; each node's <see cref="KeyRingRefresher"/> picks it up within <c>Keys:RefreshInterval</c>,
/// this one at once.
/// </summary>
internal sealed class KeyRotationNow(IdentityHubDbContext db, KeyMaterial material, KeyRing ring, TimeProvider time)
{
    public async Task<IReadOnlyList<KeyRotationOutcome>> RotateAsync(IReadOnlyList<KeyUse> uses, bool immediately, CancellationToken cancellationToken = default)
    {
        // The first keys, and any scheduled successor, exist before the rotation is planned over them.
        await ring.RefreshAsync(cancellationToken);
        var settings = ring.RotationSettings();
        var now = time.GetUtcNow();
        var outcomes = new List<KeyRotationOutcome>();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var stored = await db.SigningKeys.ToListAsync(cancellationToken);
            foreach (var use in uses)
            {
                var schedules = stored.Select(key => key.ToSchedule()).ToList();
                var rotation = immediately
                    ? ManualRotation.Immediately(use, schedules, settings, now, NewKeyId)
                    : ManualRotation.Ahead(use, schedules, settings, now, NewKeyId);
                foreach (var change in rotation.Changed)
                {
                    var row = stored.Single(key => key.Id == change.KeyId);
                    if (immediately)
                    {
                        // A key withdrawn after a suspected compromise is not kept: its private part goes with its row.
                        db.SigningKeys.Remove(row);
                    }
                    else
                    {
                        (row.RetiresAt, row.ExpiresAt) = (change.RetiresAt, change.ExpiresAt);
                    }
                }

                // Deleted before the new key is added: it may take a withdrawn key's activation time (a unique index).
                await db.SaveChangesAsync(cancellationToken);
                if (rotation.ToCreate is { } schedule)
                {
                    db.SigningKeys.Add(material.Create(schedule));
                }

                outcomes.Add(new KeyRotationOutcome(
                    use, rotation.ToCreate, rotation.Pending,
                    immediately ? rotation.Changed : [],
                    immediately ? null : rotation.Changed.SingleOrDefault()));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await ring.RefreshAsync(cancellationToken);
        return outcomes;
    }

    private static string NewKeyId() => Guid.CreateVersion7().ToString("N");
}
