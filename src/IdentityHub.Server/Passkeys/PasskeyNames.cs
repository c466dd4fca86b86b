using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Passkeys;

/// <summary>The name a new passkey gets unless the user types one: "Passkey on Chrome", in the page's language.</summary>
public static class PasskeyNames
{
    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    private static readonly (string Token, string Browser)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Chromium/", "Chromium"), ("Safari/", "Safari"),
    ];

    public static string DefaultFor(string? userAgent, IStringLocalizer<MfaText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var browser = Browsers.FirstOrDefault(b => userAgent?.Contains(b.Token, StringComparison.Ordinal) == true).Browser;
        return browser is null ? text["Passkeys.DefaultName"] : text["Passkeys.DefaultNameOn", browser];
    }
}
