using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using IdentityHub.Server.Configuration;

namespace IdentityHub.Server.Hardening;

/// <summary>
/// The security headers every response carries (O6, <see cref="SecurityHeaderPolicy"/>, shared with the admin host): a Content Security Policy that allows only the
/// server's own files (no inline script or style) and no framing, <c>X-Frame-Options</c> for older
/// browsers, no sniffing, no referrer, and HSTS on HTTPS outside Development. Responses that carry
/// tokens or personal data (userinfo, introspection) are never cached.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, IHostEnvironment environment, IOptions<IdentityHubOptions> options)
{
    public const string ContentSecurityPolicy = SecurityHeaderPolicy.ContentSecurityPolicy;

    /// <summary>
    /// OpenIddict's form_post response (response_mode=form_post) submits its form with this one inline
    /// script; only the authorization endpoint's responses allow it, by hash, so the portal still gets
    /// its code without a click.
    /// </summary>
    public const string FormPostScript = "document.form.submit();";

    private static readonly string AuthorizationPolicy = ContentSecurityPolicy.Replace(
        "script-src 'self'", $"script-src 'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(FormPostScript)))}'", StringComparison.Ordinal);

    private static readonly PathString[] NeverCached = ["/connect/userinfo", "/connect/introspect"];

    private readonly string? _hsts = SecurityHeaderPolicy.Hsts(options.Value.Hsts, environment);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var request = context.Request;
            var policy = request.Path.StartsWithSegments("/connect/authorize", StringComparison.OrdinalIgnoreCase) ? AuthorizationPolicy : ContentSecurityPolicy;
            if (context.Items[Logout.FrontChannelLogout.FrameSourcesItem] is string frames)
            {
                // The signed-out page loads the portals' front-channel logout URIs in frames; no other page frames anything.
                policy += "; frame-src 'self' " + frames;
            }

            SecurityHeaderPolicy.Apply(context, policy, _hsts);

            if (NeverCached.Any(path => request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });

        return next(context);
    }
}
