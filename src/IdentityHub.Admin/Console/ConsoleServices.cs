using IdentityHub.Hosting;
using IdentityHub.Hosting.Branding;
using IdentityHub.Hosting.Wording;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Console;

public static class ConsoleServices
{
    public const string ApplicationName = "IdentityHub.Admin";

    /// <summary>
    /// The console: server-rendered pages (Razor Pages) for organization and platform administrators, signing in
    /// through the token server, calling the same application services as the API. Its cookies are protected by
    /// the key ring both hosts keep in the database, under its own application name (decision 0019).
    /// </summary>
    public static IServiceCollection AddAdminConsole(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var secure = HardenedCookies.AreSecure(environment);
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section)
            .Validate(console => !string.IsNullOrWhiteSpace(console.ClientId), $"{ConsoleOptions.Section}:ClientId must name the console's client at the token server (default admin-console).")
            .Validate(console => console.FreshSignIn > TimeSpan.Zero, $"{ConsoleOptions.Section}:FreshSignIn must be a positive duration (for example 00:10:00).")
            .Validate(console => console.IdleTimeout > TimeSpan.Zero, $"{ConsoleOptions.Section}:IdleTimeout must be a positive duration (for example 00:30:00).")
            .ValidateOnStart();
        services.AddOptions<HstsSettings>().BindConfiguration("IdentityHub:Hsts");
        services.AddIdentityHubDataProtection(ApplicationName, configuration, environment);
        services.AddConsoleSignIn(configuration, environment);
        services.AddConsoleTexts(configuration);
        services.AddScoped<SensitiveActions>();
        services.AddScoped<ConsoleCallers>();

        services.AddRazorPages(pages =>
            {
                pages.Conventions.AuthorizeFolder("/", ConsoleSignIn.Policy);
                pages.Conventions.AllowAnonymousToPage("/SignedOut");
                pages.Conventions.AllowAnonymousToPage("/Error");
                pages.Conventions.AllowAnonymousToPage("/NotFound");
            })
            .AddMvcOptions(mvc => mvc.Filters.AddService<ConsoleCallers>());
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = HardenedCookies.Name(".IdentityHub.Admin.Antiforgery", "/", secure);
            antiforgery.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            antiforgery.SuppressXFrameOptionsHeader = true; // ConsoleSecurityHeaders sends DENY on every page
        });
        services.Configure<CookieTempDataProviderOptions>(tempData =>
        {
            tempData.Cookie.Name = HardenedCookies.Name(".IdentityHub.Admin.TempData", "/", secure);
            tempData.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>The console's part of the pipeline, for everything outside <c>/api</c>: headers, error and 404 pages, static files.</summary>
    public static WebApplication UseAdminConsolePages(this WebApplication app)
    {
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), console =>
        {
            // The pages' language before anything renders text; the API answers integrators in English.
            console.UseIdentityHubLanguages();
            console.UseMiddleware<ConsoleSecurityHeaders>();
            // Outside the pages (the language switch at /language), the signed-in person is the console session too,
            // as on the pages (their policy's scheme): its antiforgery tokens are the person's, and the switch saves their language.
            console.Use(async (http, next) =>
            {
                if ((await http.AuthenticateAsync(ConsoleSignIn.CookieScheme)).Principal is { } person)
                {
                    http.User = person;
                }

                await next(http);
            });
            console.UseExceptionHandler("/Error");
            console.UseStatusCodePagesWithReExecute("/NotFound", "?code={0}");
        });
        app.UseStaticFiles();
        // Routing after the error and 404 pages, so that their re-executed requests find the page to render.
        app.UseRouting();
        return app;
    }

    public static WebApplication MapAdminConsole(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapLanguageSwitch();
        app.MapBranding();
        return app;
    }
}
