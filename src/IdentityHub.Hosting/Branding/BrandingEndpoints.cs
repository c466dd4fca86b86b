using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IdentityHub.Hosting.Branding;

/// <summary>
/// The look as files the pages load from this site (the security policy allows no inline style or other
/// origin): the colours as CSS custom properties over site.css, and the logo.
/// </summary>
public static class BrandingEndpoints
{
    public const string ColoursPath = "/branding/colors.css";
    public const string LogoPath = "/branding/logo";

    public static IEndpointRouteBuilder MapBranding(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ColoursPath, (string? portal, SiteLook looks, HttpContext http) =>
        {
            var look = looks.For(Portal(portal));
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Text(
                string.Create(CultureInfo.InvariantCulture, $":root {{ --brand: {look.Primary}; --brand-dark: {look.PrimaryHover}; --on-brand: {look.OnPrimary}; --link: {look.Link}; }}\n"),
                "text/css; charset=utf-8");
        });
        endpoints.MapGet(LogoPath, (string? portal, SiteLook looks, HttpContext http) =>
        {
            if (looks.For(Portal(portal)).LogoFile is not { } file || !File.Exists(file))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.File(file, LogoContentTypes.For(file));
        });
        return endpoints;
    }

    /// <summary>The page's URL for a portal's stylesheet or logo.</summary>
    public static string For(string path, string? clientId) =>
        clientId is null ? path : path + "?portal=" + Uri.EscapeDataString(clientId);

    private static string? Portal(string? portal) => portal is { Length: > 0 and <= 200 } ? portal : null;
}
