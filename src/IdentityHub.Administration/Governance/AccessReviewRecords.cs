using IdentityHub.Data;
using IdentityHub.Data.Governance;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Administration.Governance;

/// <summary>
/// Keeps the access reviews (D7) beside the profiles: a person's first profile starts their review clock; a
/// person left with none has nothing to review.
/// </summary>
internal static class AccessReviewRecords
{
    /// <summary>Adds a review due one interval from now unless the person has one; the caller saves.</summary>
    public static async Task EnsureAsync(IdentityHubDbContext db, string userId, DateTimeOffset now, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (db.AccessReviews.Local.Any(r => r.UserId == userId) || await db.AccessReviews.AnyAsync(r => r.UserId == userId, cancellationToken))
        {
            return;
        }

        db.AccessReviews.Add(new AccessReview { UserId = userId, ConfirmedAt = now, DueAt = now + interval });
    }

    /// <summary>Deletes the reviews of those among <paramref name="userIds"/> who hold no profile any more.</summary>
    public static Task<int> ForgetWithoutProfilesAsync(IdentityHubDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        userIds.Count == 0
            ? Task.FromResult(0)
            : db.AccessReviews.Where(r => userIds.Contains(r.UserId) && !db.UserProfiles.Any(a => a.UserId == r.UserId)).ExecuteDeleteAsync(cancellationToken);
}
