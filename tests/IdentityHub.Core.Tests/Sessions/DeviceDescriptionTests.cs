using IdentityHub.Core.Sessions;

namespace IdentityHub.Core.Tests.Sessions;

public sealed class DeviceDescriptionTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on Windows")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1", "Safari on iPhone")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on a Mac")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Linux")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Chrome on Linux")]
    [InlineData("curl/8.5.0", "A browser on an unknown system")]
    [InlineData("", "A browser on an unknown system")]
    [InlineData(null, "A browser on an unknown system")]
    public void Names_the_browser_and_system_in_words(string? userAgent, string expected) =>
        Assert.Equal(expected, DeviceDescription.From(userAgent));

    [Fact]
    public void The_stored_words_read_back_as_the_kind_for_every_browser_and_system()
    {
        foreach (var browser in Enum.GetValues<DeviceBrowser>())
        {
            foreach (var system in Enum.GetValues<DeviceSystem>())
            {
                var device = new DeviceDescription(browser, system);
                Assert.Equal(device, DeviceDescription.Read(device.ToString()));
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Netscape on OS/2")]
    [InlineData("chrome on windows")]
    public void Words_it_did_not_write_read_as_nothing(string? stored) => Assert.Null(DeviceDescription.Read(stored));

    [Fact]
    public void A_user_agent_reads_as_its_kind() =>
        Assert.Equal(new DeviceDescription(DeviceBrowser.Safari, DeviceSystem.IPhone),
            DeviceDescription.Of("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"));
}
