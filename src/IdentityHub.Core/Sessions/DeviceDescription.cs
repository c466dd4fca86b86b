namespace IdentityHub.Core.Sessions;

/// <summary>The browser a person used, as far as its user agent tells.</summary>
public enum DeviceBrowser
{
    Unknown,
    Edge,
    Firefox,
    Chrome,
    Safari,
}

/// <summary>The system a person's browser ran on, as far as its user agent tells.</summary>
public enum DeviceSystem
{
    Unknown,
    IPhone,
    IPad,
    Android,
    Windows,
    Mac,
    Chromebook,
    Linux,
}

/// <summary>
/// A browser and system from a user agent, where a person recognises their own devices: sessions, remembered
/// devices and sign-in activity on the account page. Stored (sessions, remembered devices, the audit log) as its
/// English words ("Chrome on Windows"), which operators read and which <see cref="Read"/> turns back into the
/// kind, so that pages can say it in the reader's language.
/// </summary>
public sealed record DeviceDescription(DeviceBrowser Browser, DeviceSystem System)
{
    private static readonly Dictionary<DeviceBrowser, string> BrowserWords = new()
    {
        [DeviceBrowser.Edge] = "Edge",
        [DeviceBrowser.Firefox] = "Firefox",
        [DeviceBrowser.Chrome] = "Chrome",
        [DeviceBrowser.Safari] = "Safari",
        [DeviceBrowser.Unknown] = "A browser",
    };

    private static readonly Dictionary<DeviceSystem, string> SystemWords = new()
    {
        [DeviceSystem.IPhone] = "iPhone",
        [DeviceSystem.IPad] = "iPad",
        [DeviceSystem.Android] = "Android",
        [DeviceSystem.Windows] = "Windows",
        [DeviceSystem.Mac] = "a Mac",
        [DeviceSystem.Chromebook] = "a Chromebook",
        [DeviceSystem.Linux] = "Linux",
        [DeviceSystem.Unknown] = "an unknown system",
    };

    /// <summary>The browser and system of a user agent; unknown parts when it does not say.</summary>
    public static DeviceDescription Of(string? userAgent)
    {
        var agent = userAgent ?? "";
        var browser = agent switch
        {
            _ when agent.Contains("Edg/", StringComparison.Ordinal) => DeviceBrowser.Edge,
            _ when agent.Contains("Firefox/", StringComparison.Ordinal) => DeviceBrowser.Firefox,
            _ when agent.Contains("Chrome/", StringComparison.Ordinal) || agent.Contains("Chromium/", StringComparison.Ordinal) => DeviceBrowser.Chrome,
            _ when agent.Contains("Safari/", StringComparison.Ordinal) => DeviceBrowser.Safari,
            _ => DeviceBrowser.Unknown,
        };
        var system = agent switch
        {
            _ when agent.Contains("iPhone", StringComparison.Ordinal) => DeviceSystem.IPhone,
            _ when agent.Contains("iPad", StringComparison.Ordinal) => DeviceSystem.IPad,
            _ when agent.Contains("Android", StringComparison.Ordinal) => DeviceSystem.Android,
            _ when agent.Contains("Windows", StringComparison.Ordinal) => DeviceSystem.Windows,
            _ when agent.Contains("Mac OS", StringComparison.Ordinal) => DeviceSystem.Mac,
            _ when agent.Contains("CrOS", StringComparison.Ordinal) => DeviceSystem.Chromebook,
            _ when agent.Contains("Linux", StringComparison.Ordinal) => DeviceSystem.Linux,
            _ => DeviceSystem.Unknown,
        };
        return new DeviceDescription(browser, system);
    }

    /// <summary>The stored English words of a user agent's browser and system ("Chrome on Windows").</summary>
    public static string From(string? userAgent) => Of(userAgent).ToString();

    /// <summary>The kind back from its stored words; null for words this class did not write.</summary>
    public static DeviceDescription? Read(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        foreach (var (browser, browserWords) in BrowserWords)
        {
            foreach (var (system, systemWords) in SystemWords)
            {
                if (string.Equals(stored, $"{browserWords} on {systemWords}", StringComparison.Ordinal))
                {
                    return new DeviceDescription(browser, system);
                }
            }
        }

        return null;
    }

    /// <summary>The English words, as stored and as operators read them.</summary>
    public override string ToString() => $"{BrowserWords[Browser]} on {SystemWords[System]}";
}
