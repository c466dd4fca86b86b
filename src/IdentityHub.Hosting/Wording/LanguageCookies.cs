using Microsoft.AspNetCore.Http;

namespace IdentityHub.Hosting.Wording;

/// <summary>
/// The two cookies the language choice reads: the language a person chose (the switch on every page, or
/// their saved preference, written at sign-in), kept a year; and the <c>ui_locales</c> of the portal's
/// sign-in request in progress, kept for the browser session.
/// </summary>
public static class LanguageCookies
{
    public const string Chosen = "ih.lang";
    public const string Requested = "ih.ui_locales";

    public static string? ChosenLanguage(HttpContext http) =>
        SupportedLanguages.Match(http.Request.Cookies[HardenedCookies.Name(http, Chosen, "/")]);

    public static string? RequestedLanguage(HttpContext http) =>
        SupportedLanguages.FirstOf(http.Request.Cookies[HardenedCookies.Name(http, Requested, "/")]);

    /// <summary>Remembers the language saved on a person's account when they sign in; a portal's <c>ui_locales</c> still comes first.</summary>
    public static void Remember(HttpContext http, string language)
    {
        if (ChosenLanguage(http) == language)
        {
            return;
        }

        var options = HardenedCookies.Options(http, "/", SameSiteMode.Lax);
        options.MaxAge = TimeSpan.FromDays(365);
        http.Response.Cookies.Append(HardenedCookies.Name(http, Chosen, "/"), language, options);
    }

    /// <summary>Remembers a person's choice; it also ends the portal's request for another language, so the switch always works.</summary>
    public static void Choose(HttpContext http, string language)
    {
        Remember(http, language);
        http.Response.Cookies.Delete(HardenedCookies.Name(http, Requested, "/"), HardenedCookies.Options(http, "/", SameSiteMode.Lax));
    }

    /// <summary>Notes the <c>ui_locales</c> of an authorization request (or forgets the last one when it has none).</summary>
    public static void NoteRequested(HttpContext http, string? uiLocales)
    {
        var name = HardenedCookies.Name(http, Requested, "/");
        var language = SupportedLanguages.FirstOf(uiLocales);
        if (language is null)
        {
            if (http.Request.Cookies.ContainsKey(name))
            {
                http.Response.Cookies.Delete(name, HardenedCookies.Options(http, "/", SameSiteMode.Lax));
            }

            return;
        }

        if (RequestedLanguage(http) != language)
        {
            http.Response.Cookies.Append(name, language, HardenedCookies.Options(http, "/", SameSiteMode.Lax));
        }
    }
}
