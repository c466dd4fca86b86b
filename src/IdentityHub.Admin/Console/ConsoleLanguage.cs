using IdentityHub.Admin.Texts;
using IdentityHub.Data;
using IdentityHub.Hosting.Branding;
using IdentityHub.Hosting.Wording;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Admin.Console;

/// <summary>
/// The console in English and Spanish (A14), with the plan's wording and look (M5), chosen as on the token
/// server (the switch on every page, the administrator's saved language, <c>Accept-Language</c>). The admin
/// host has no portals: the deployment's wording and branding apply.
/// </summary>
public static class ConsoleLanguage
{
    public static IServiceCollection AddConsoleTexts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ILanguagePreferences, SavedConsoleLanguage>();
        services.AddIdentityHubWording(configuration);
        services.AddIdentityHubBranding(configuration);
        services.AddWordingResource<ConsoleText>();
        services.AddSingleton(OtherHostsTexts.TokenServer);
        return services;
    }
}

/// <summary>
/// The language saved on the administrator's account: the switch saves it while they are signed in to the
/// console, and signing in to the console brings it back (<see cref="ApplyAtSignInAsync"/>) — the token
/// server remembers it for its own address only, and the console is another one.
/// </summary>
internal sealed class SavedConsoleLanguage(IdentityHubDbContext db) : ILanguagePreferences
{
    public async Task SaveAsync(HttpContext http, string language)
    {
        var session = await http.AuthenticateAsync(ConsoleSignIn.CookieScheme);
        if (session.Principal?.FindFirst("sub")?.Value is not { Length: > 0 } userId)
        {
            return;
        }

        await db.Users.Where(user => user.Id == userId && user.PreferredLanguage != language)
            .ExecuteUpdateAsync(set => set.SetProperty(user => user.PreferredLanguage, language), http.RequestAborted);
    }

    /// <summary>When the console's sign-in completes, its pages continue in the administrator's saved language.</summary>
    public static async Task ApplyAtSignInAsync(TokenValidatedContext context)
    {
        if (context.Principal?.FindFirst("sub")?.Value is not { Length: > 0 } userId)
        {
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<IdentityHubDbContext>();
        var saved = await db.Users.AsNoTracking().Where(user => user.Id == userId).Select(user => user.PreferredLanguage)
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (SupportedLanguages.Match(saved) is { } language)
        {
            LanguageCookies.Remember(context.HttpContext, language);
        }
    }
}
