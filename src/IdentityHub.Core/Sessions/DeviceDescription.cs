namespace IdentityHub.Core.Sessions;

/// <summary>
/// A browser and system in words for people ("Chrome on Windows"), from a user agent. Used where a person
/// recognises their own devices: sessions and remembered devices on the account page.
/// </summary>
public static class DeviceDescription
{
    public static string From(string? userAgent)
    {
        var agent = userAgent ?? "";
        var browser = agent switch
        {
            _ when agent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when agent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when agent.Contains("Chrome/", StringComparison.Ordinal) || agent.Contains("Chromium/", StringComparison.Ordinal) => "Chrome",
            _ when agent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ => "A browser",
        };
        var system = agent switch
        {
            _ when agent.Contains("iPhone", StringComparison.Ordinal) => "iPhone",
            _ when agent.Contains("iPad", StringComparison.Ordinal) => "iPad",
            _ when agent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when agent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when agent.Contains("Mac OS", StringComparison.Ordinal) => "a Mac",
            _ when agent.Contains("CrOS", StringComparison.Ordinal) => "a Chromebook",
            _ when agent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => "an unknown system",
        };
        return $"{browser} on {system}";
    }
}
