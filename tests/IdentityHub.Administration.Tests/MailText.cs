using System.Globalization;
using System.Resources;
using IdentityHub.Administration.Texts;

namespace IdentityHub.Administration.Tests;

/// <summary>An administration email's text as its resource file has it, so tests follow the wording instead of copying it.</summary>
public static class MailText
{
    private static readonly ResourceManager Resources = new(typeof(AdministrationMailText).FullName!, typeof(AdministrationMailText).Assembly);

    public static string English(string key) => Of(key, CultureInfo.InvariantCulture);

    public static string Spanish(string key) => Of(key, CultureInfo.GetCultureInfo("es"));

    private static string Of(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new ArgumentException($"AdministrationMailText has no text '{key}'.", nameof(key));
}
