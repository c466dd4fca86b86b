namespace IdentityHub.Hosting.Branding;

/// <summary>The image types a logo may be, by file extension.</summary>
public static class LogoContentTypes
{
    public static string? For(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => null,
    };
}
