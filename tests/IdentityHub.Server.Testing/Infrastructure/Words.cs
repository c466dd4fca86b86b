using System.Globalization;
using System.Resources;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>A page's text as its resource file has it, so tests follow the wording instead of copying it.</summary>
public static class Words
{
    public static string English<TResource>(string key) => Of<TResource>(key, CultureInfo.InvariantCulture);

    public static string Spanish<TResource>(string key) => Of<TResource>(key, CultureInfo.GetCultureInfo("es"));

    private static string Of<TResource>(string key, CultureInfo culture) =>
        new ResourceManager(typeof(TResource).FullName!, typeof(TResource).Assembly).GetString(key, culture)
        ?? throw new ArgumentException($"{typeof(TResource).Name} has no text '{key}'.", nameof(key));
}
