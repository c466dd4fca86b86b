using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Throttling;

/// <summary>Two "nodes" started a moment apart: both clocks moved to the same instant, at the start of a minute.</summary>
internal static class SameMinute
{
    public static void Align(IdentityHubApp first, IdentityHubApp second)
    {
        var later = first.Clock.GetUtcNow() > second.Clock.GetUtcNow() ? first.Clock.GetUtcNow() : second.Clock.GetUtcNow();
        var start = new DateTimeOffset(later.Year, later.Month, later.Day, later.Hour, later.Minute, 0, TimeSpan.Zero).AddMinutes(1).AddSeconds(1);
        first.Clock.SetUtcNow(start);
        second.Clock.SetUtcNow(start);
    }
}
