namespace IdentityHub.Hosting.Branding;

/// <summary>
/// The plan's look (M5) for the whole deployment, and per portal under <see cref="Portals"/>: the logo in
/// the header, the colours, and the footer's links. The plan's name, tagline and help-desk hours are texts
/// (keys Brand.Name, Brand.Tagline, HelpDesk.Hours), so they are set per language under IdentityHub:Wording.
/// </summary>
public sealed class BrandingOptions : BrandingSettings
{
    public const string Section = "IdentityHub:Branding";

    /// <summary>Notices in other languages shown at the foot of every page (the taglines plans publish under Section 1557).</summary>
    public List<Tagline> Taglines { get; set; } = [];

    /// <summary>Portal (client id) → what differs on that portal's pages; anything left out is the deployment's.</summary>
    public Dictionary<string, BrandingSettings> Portals { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>What a deployment or a portal sets about its look.</summary>
public class BrandingSettings
{
    /// <summary>A logo file (SVG, PNG, JPEG, WebP or GIF, at most 512 KB), relative to the content root; shown beside the plan's name.</summary>
    public string? Logo { get; set; }

    public BrandColors Colors { get; set; } = new();

    public FooterLinks Links { get; set; } = new();
}

/// <summary>Colours as #rgb or #rrggbb. Each pair a person reads must reach a 4.5:1 contrast, or the host does not start.</summary>
public sealed class BrandColors
{
    /// <summary>The header and the buttons (default #0b5cad).</summary>
    public string? Primary { get; set; }

    /// <summary>A button under the pointer (default #084482).</summary>
    public string? PrimaryHover { get; set; }

    /// <summary>Text on <see cref="Primary"/> and <see cref="PrimaryHover"/> (default #ffffff).</summary>
    public string? OnPrimary { get; set; }

    /// <summary>Links, on the white card and the page background (default #0b5cad).</summary>
    public string? Link { get; set; }
}

/// <summary>The notices a plan must publish, linked from every page's footer when set (absolute https URLs or paths).</summary>
public sealed class FooterLinks
{
    public string? Privacy { get; set; }

    public string? Terms { get; set; }

    public string? Accessibility { get; set; }

    public string? NonDiscrimination { get; set; }
}

/// <summary>One line in another language, e.g. "ATENCIÓN: si habla español, tiene a su disposición servicios gratuitos de asistencia lingüística."</summary>
public sealed class Tagline
{
    /// <summary>The line's language tag (zh, vi, ko, ...), so screen readers pronounce it right.</summary>
    public string Language { get; set; } = "";

    public string Text { get; set; } = "";
}
