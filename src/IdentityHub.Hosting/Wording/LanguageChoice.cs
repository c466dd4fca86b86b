using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace IdentityHub.Hosting.Wording;

/// <summary>
/// Which language a request is answered in (A14), in order: the <c>ui_locales</c> of the portal's
/// authorization request, the person's choice (the switch on every page, or the preference saved on their
/// account, written at sign-in), the browser's <c>Accept-Language</c>, then English. Dates and numbers follow
/// the language as spoken in the United States (en-US, es-US).
/// </summary>
public sealed class LanguageChoice : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var language = Choose(httpContext);
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(CultureOf(language), language));
    }

    public static string Choose(HttpContext http) =>
        SupportedLanguages.FirstOf(http.Request.Query["ui_locales"].ToString())
        ?? LanguageCookies.RequestedLanguage(http)
        ?? LanguageCookies.ChosenLanguage(http)
        ?? FromBrowser(http)
        ?? SupportedLanguages.English;

    /// <summary>The culture used for dates and numbers in a language.</summary>
    public static string CultureOf(string language) => language + "-US";

    private static string? FromBrowser(HttpContext http)
    {
        var header = http.Request.GetTypedHeaders();
        IList<StringWithQualityHeaderValue> accepted;
        try
        {
            accepted = header.AcceptLanguage;
        }
        catch (FormatException)
        {
            return null;
        }

        return accepted
            .Where(value => value.Quality is null or > 0)
            .OrderByDescending(value => value.Quality ?? 1)
            .Select(value => SupportedLanguages.Match(value.Value.Value))
            .FirstOrDefault(language => language is not null);
    }
}
