using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Hardening;

/// <summary>
/// Applies <see cref="HardenedCookies"/> to the cookies ASP.NET Core sets itself: every cookie
/// authentication scheme (the session and Identity's others), the antiforgery cookie and the TempData
/// cookie. A post-configure step, so it holds whatever the feature folders configured.
/// </summary>
internal static class CookieOptionsSetup
{
    public const string AntiforgeryCookie = ".IdentityHub.Antiforgery";
    public const string TempDataCookie = ".IdentityHub.TempData";

    public static IServiceCollection AddHardenedCookies(this IServiceCollection services, IHostEnvironment environment)
    {
        var secure = HardenedCookies.AreSecure(environment);
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>>(new HardenedAuthenticationCookies(secure));
        services.PostConfigure<AntiforgeryOptions>(options =>
        {
            Harden(options.Cookie, AntiforgeryCookie, secure);
            // SecurityHeaders sends X-Frame-Options: DENY on every response, not only when this cookie is new.
            options.SuppressXFrameOptionsHeader = true;
        });
        services.PostConfigure<CookieTempDataProviderOptions>(options => Harden(options.Cookie, TempDataCookie, secure));
        return services;
    }

    internal static void Harden(CookieBuilder cookie, string? name, bool secure)
    {
        if (name is not null)
        {
            cookie.Name = HardenedCookies.Name(name, "/", secure);
        }

        cookie.Path = "/";
        cookie.Domain = null;
        cookie.HttpOnly = true;
        cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }
}

/// <summary>Every cookie authentication scheme, named or not yet named (ASP.NET Core's default name is the scheme's).</summary>
internal sealed class HardenedAuthenticationCookies(bool secure) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options) =>
        CookieOptionsSetup.Harden(options.Cookie, options.Cookie.Name ?? CookieAuthenticationDefaults.CookiePrefix + name, secure);
}
