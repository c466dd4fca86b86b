using IdentityHub.Core.Sessions;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// Devices and networks in the reader's language on the account security page: sessions, remembered devices and
/// recent activity. Devices are stored in English words (<see cref="DeviceDescription"/>), read back into their kind.
/// </summary>
public static class DeviceWords
{
    /// <summary>"Chrome en Windows" for the stored "Chrome on Windows"; stored words it cannot read are shown as they are.</summary>
    public static string Device(IStringLocalizer<AccountText> text, string stored) =>
        DeviceDescription.Read(stored) is { } device ? text["Device.On", Browser(text, device.Browser), System(text, device.System)] : stored;

    /// <summary>"A local network" for a private or local address; otherwise <paramref name="publicAddress"/> says it.</summary>
    public static string Network(IStringLocalizer<AccountText> text, string address, Func<string, string> publicAddress) =>
        NetworkAddresses.IsLocal(address) ? text["Device.LocalNetwork"] : publicAddress(address);

    private static string Browser(IStringLocalizer<AccountText> text, DeviceBrowser browser) => browser switch
    {
        DeviceBrowser.Edge => text["Device.Browser.Edge"],
        DeviceBrowser.Firefox => text["Device.Browser.Firefox"],
        DeviceBrowser.Chrome => text["Device.Browser.Chrome"],
        DeviceBrowser.Safari => text["Device.Browser.Safari"],
        _ => text["Device.Browser.Unknown"],
    };

    private static string System(IStringLocalizer<AccountText> text, DeviceSystem system) => system switch
    {
        DeviceSystem.IPhone => text["Device.System.IPhone"],
        DeviceSystem.IPad => text["Device.System.IPad"],
        DeviceSystem.Android => text["Device.System.Android"],
        DeviceSystem.Windows => text["Device.System.Windows"],
        DeviceSystem.Mac => text["Device.System.Mac"],
        DeviceSystem.Chromebook => text["Device.System.Chromebook"],
        DeviceSystem.Linux => text["Device.System.Linux"],
        _ => text["Device.System.Unknown"],
    };
}
