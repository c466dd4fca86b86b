using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityHub.Hosting.Branding;

/// <summary>
/// Stops the host on a look people could not read or a plan did not mean: a colour that is not #rgb or
/// #rrggbb, a pair below 4.5:1 (naming both keys and the ratio), a logo that is missing, too large or not an
/// image, a footer link that is not https or a path, a tagline without its language.
/// </summary>
public sealed class BrandingOptionsValidator(IHostEnvironment environment) : IValidateOptions<BrandingOptions>
{
    public const int MaximumLogoBytes = 512 * 1024;

    private const string White = "#ffffff";
    private const string PageBackground = "#f3f5f8";

    public ValidateOptionsResult Validate(string? name, BrandingOptions options)
    {
        var failures = new List<string>();
        var look = new SiteLook(new StaticOptions(options), environment);
        Check(options, null, look.For(null), failures);
        foreach (var (portal, settings) in options.Portals)
        {
            Check(options, portal, look.For(portal), failures, settings);
        }

        for (var index = 0; index < options.Taglines.Count; index++)
        {
            var tagline = options.Taglines[index];
            if (string.IsNullOrWhiteSpace(tagline.Text) || !IsLanguageTag(tagline.Language))
            {
                failures.Add($"{BrandingOptions.Section}:Taglines:{index}: needs a Language (a tag such as zh or vi) and a Text.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(BrandingOptions deployment, string? portal, Look look, List<string> failures, BrandingSettings? own = null)
    {
        string Key(string setting, Func<BrandingSettings, string?> read) =>
            own is not null && read(own) is not null
                ? $"{BrandingOptions.Section}:Portals:{portal}:{setting}"
                : $"{BrandingOptions.Section}:{setting}";

        var colours = new (string Key, string Value)[]
        {
            (Key("Colors:Primary", s => s.Colors.Primary), look.Primary),
            (Key("Colors:PrimaryHover", s => s.Colors.PrimaryHover), look.PrimaryHover),
            (Key("Colors:OnPrimary", s => s.Colors.OnPrimary), look.OnPrimary),
            (Key("Colors:Link", s => s.Colors.Link), look.Link),
        };
        var unreadable = colours.Where(colour => Contrast.Parse(colour.Value) is null).ToList();
        failures.AddRange(unreadable.Select(colour => $"{colour.Key}: '{colour.Value}' is not a colour; write it as #rgb or #rrggbb."));
        if (unreadable.Count == 0)
        {
            Pair(colours[2], colours[0], failures);
            Pair(colours[2], colours[1], failures);
            Pair(colours[0], ("the white of the page's card", White), failures);
            Pair(colours[3], ("the white of the page's card", White), failures);
            Pair(colours[3], ("the page background", PageBackground), failures);
        }

        var settings = own ?? deployment;
        var prefix = portal is null ? BrandingOptions.Section : $"{BrandingOptions.Section}:Portals:{portal}";
        if (settings.Logo is { Length: > 0 } && look.LogoFile is { } logo && LogoProblem(logo) is { } problem)
        {
            failures.Add($"{prefix}:Logo: {problem}");
        }

        foreach (var (link, url) in new[] { ("Privacy", settings.Links.Privacy), ("Terms", settings.Links.Terms), ("Accessibility", settings.Links.Accessibility), ("NonDiscrimination", settings.Links.NonDiscrimination) })
        {
            if (url is not null && !IsLinkable(url))
            {
                failures.Add($"{prefix}:Links:{link}: '{url}' must be an https address or a path starting with /.");
            }
        }
    }

    private static void Pair((string Key, string Value) text, (string Key, string Value) background, List<string> failures)
    {
        var ratio = Contrast.Ratio(Contrast.Parse(text.Value)!.Value, Contrast.Parse(background.Value)!.Value);
        if (ratio < Contrast.Minimum)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{text.Key} ({text.Value}) on {background.Key} ({background.Value}) has a contrast of {Math.Floor(ratio * 10) / 10:0.0}:1; text needs at least 4.5:1."));
        }
    }

    private static string? LogoProblem(string path)
    {
        if (LogoContentTypes.For(path) is null)
        {
            return $"{path} is not an SVG, PNG, JPEG, WebP or GIF file.";
        }

        var file = new FileInfo(path);
        return !file.Exists ? $"no file at {path}."
            : file.Length > MaximumLogoBytes ? $"{path} is {file.Length / 1024} KB; a logo may have at most {MaximumLogoBytes / 1024} KB."
            : null;
    }

    private static bool IsLinkable(string url) =>
        Wording.LanguageSwitch.IsLocal(url)
        || (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme == Uri.UriSchemeHttps);

    private static bool IsLanguageTag(string? tag) =>
        tag is { Length: > 1 and <= 35 } && tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private sealed class StaticOptions(BrandingOptions value) : IOptionsMonitor<BrandingOptions>
    {
        public BrandingOptions CurrentValue => value;

        public BrandingOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<BrandingOptions, string?> listener) => null;
    }
}
