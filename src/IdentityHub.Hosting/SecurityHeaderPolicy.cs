using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace IdentityHub.Hosting;

/// <summary>
/// The security headers of every page both hosts serve (O6): a Content Security Policy that allows only the
/// host's own files (no inline script or style) and no framing, <c>X-Frame-Options</c> for older browsers,
/// no sniffing, no referrer, and HSTS on HTTPS outside Development. Each host's middleware applies them and
/// adds what only it needs (the token server's form_post script, its never-cached endpoints).
/// </summary>
public static class SecurityHeaderPolicy
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>The Strict-Transport-Security value to send, or null in Development (plain HTTP on localhost).</summary>
    public static string? Hsts(HstsSettings hsts, IHostEnvironment environment) =>
        environment.IsDevelopment() ? null : $"max-age={(long)hsts.MaxAge.TotalSeconds}" + (hsts.IncludeSubDomains ? "; includeSubDomains" : "");

    /// <summary>Sets the headers on a response about to start; <paramref name="hsts"/> only goes out on HTTPS.</summary>
    public static void Apply(HttpContext context, string contentSecurityPolicy, string? hsts)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (hsts is not null && context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = hsts;
        }
    }
}
