using IdentityHub.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityHub.Admin.Console;

/// <summary>
/// The console's pages carry the sign-in pages' security headers (<see cref="SecurityHeaderPolicy"/>, shared with the
/// token server; HSTS from <c>IdentityHub:Hsts</c>). The API and its reference page under <c>/api</c> are not pages.
/// </summary>
internal sealed class ConsoleSecurityHeaders(RequestDelegate next, IHostEnvironment environment, IOptions<HstsSettings> hsts)
{
    private readonly string? _hsts = SecurityHeaderPolicy.Hsts(hsts.Value, environment);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            SecurityHeaderPolicy.Apply(context, SecurityHeaderPolicy.ContentSecurityPolicy, _hsts);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
