using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace IdentityHub.Hosting.Wording;

/// <summary>Saves a signed-in person's language on their account, so their next sign-in anywhere starts in it.</summary>
public interface ILanguagePreferences
{
    Task SaveAsync(HttpContext http, string language);
}

/// <summary>A host that keeps the choice in the browser only.</summary>
public sealed class BrowserOnlyLanguagePreferences : ILanguagePreferences
{
    public Task SaveAsync(HttpContext http, string language) => Task.CompletedTask;
}

/// <summary>The language switch on every page: a form posting the language and the page to go back to.</summary>
public static class LanguageSwitch
{
    public const string Path = "/language";

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, SwitchAsync);
        return endpoints;
    }

    private static async Task<IResult> SwitchAsync(HttpContext http, [FromForm] string? language, [FromForm] string? returnUrl, ILanguagePreferences preferences)
    {
        var back = IsLocal(returnUrl) ? returnUrl! : "/";
        if (SupportedLanguages.Match(language) is { } chosen)
        {
            LanguageCookies.Choose(http, chosen);
            await preferences.SaveAsync(http, chosen);
        }

        return Results.LocalRedirect(back);
    }

    /// <summary>A path on this site: one leading slash, no scheme, host or backslash.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= 4096 && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains('\\') && !url.Any(char.IsControl);
}
