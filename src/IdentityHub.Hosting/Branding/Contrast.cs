using System.Globalization;

namespace IdentityHub.Hosting.Branding;

/// <summary>Colours as the contrast rule (WCAG 2.2, 1.4.3) measures them.</summary>
public static class Contrast
{
    public const double Minimum = 4.5;

    /// <summary>Parses #rgb or #rrggbb (case-insensitive); null for anything else.</summary>
    public static (double R, double G, double B)? Parse(string? colour)
    {
        if (colour is null || colour.Length is not (4 or 7) || colour[0] != '#')
        {
            return null;
        }

        var hex = colour.Length == 4 ? string.Concat(colour[1..].Select(c => new string(c, 2))) : colour[1..];
        if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return ((value >> 16 & 0xff) / 255.0, (value >> 8 & 0xff) / 255.0, (value & 0xff) / 255.0);
    }

    /// <summary>The contrast ratio of two colours, from 1 (same) to 21 (black on white).</summary>
    public static double Ratio((double R, double G, double B) first, (double R, double G, double B) second)
    {
        var (a, b) = (Luminance(first), Luminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double Luminance((double R, double G, double B) colour) =>
        0.2126 * Channel(colour.R) + 0.7152 * Channel(colour.G) + 0.0722 * Channel(colour.B);

    private static double Channel(double value) => value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
}
