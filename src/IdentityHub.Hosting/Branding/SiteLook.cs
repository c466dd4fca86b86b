using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityHub.Hosting.Branding;

/// <summary>A page's look for one portal (or the deployment): the portal's settings over the deployment's over the defaults.</summary>
public sealed record Look(string Primary, string PrimaryHover, string OnPrimary, string Link, string? LogoFile, FooterLinks Links, IReadOnlyList<Tagline> Taglines)
{
    public static readonly Look Default = new("#0b5cad", "#084482", "#ffffff", "#0b5cad", null, new FooterLinks(), []);
}

/// <summary>Resolves the look of a portal's pages from <see cref="BrandingOptions"/>.</summary>
public sealed class SiteLook(IOptionsMonitor<BrandingOptions> options, IHostEnvironment environment)
{
    public Look For(string? clientId)
    {
        var branding = options.CurrentValue;
        var deployment = Apply(Look.Default with { Taglines = branding.Taglines }, branding);
        return clientId is not null && branding.Portals.TryGetValue(clientId, out var portal) ? Apply(deployment, portal) : deployment;
    }

    /// <summary>Whether a portal has a look of its own (its stylesheet and logo differ from the deployment's).</summary>
    public bool HasOwn(string? clientId) => clientId is not null && options.CurrentValue.Portals.ContainsKey(clientId);

    private Look Apply(Look look, BrandingSettings settings) => look with
    {
        Primary = settings.Colors.Primary ?? look.Primary,
        PrimaryHover = settings.Colors.PrimaryHover ?? look.PrimaryHover,
        OnPrimary = settings.Colors.OnPrimary ?? look.OnPrimary,
        Link = settings.Colors.Link ?? look.Link,
        LogoFile = settings.Logo is { Length: > 0 } logo ? Path.GetFullPath(logo, environment.ContentRootPath) : look.LogoFile,
        Links = new FooterLinks
        {
            Privacy = settings.Links.Privacy ?? look.Links.Privacy,
            Terms = settings.Links.Terms ?? look.Links.Terms,
            Accessibility = settings.Links.Accessibility ?? look.Links.Accessibility,
            NonDiscrimination = settings.Links.NonDiscrimination ?? look.Links.NonDiscrimination,
        },
    };
}
