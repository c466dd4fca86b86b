using Microsoft.Extensions.Localization;

namespace IdentityHub.Admin.Console;

/// <summary>How long something lasts, in the page's words ("24 hours", "3 days", "30 minutes").</summary>
public static class ConsoleDurations
{
    public static string Of(IStringLocalizer text, TimeSpan lifetime) => lifetime switch
    {
        { TotalDays: >= 2 } when lifetime.TotalDays == Math.Floor(lifetime.TotalDays) => text["ConsoleDuration.Days", lifetime.TotalDays],
        { TotalHours: 1 } => text["ConsoleDuration.Hour"],
        { TotalHours: > 1 } when lifetime.TotalHours == Math.Floor(lifetime.TotalHours) => text["ConsoleDuration.Hours", lifetime.TotalHours],
        _ => text["ConsoleDuration.Minutes", Math.Max(1, Math.Ceiling(lifetime.TotalMinutes))],
    };
}
