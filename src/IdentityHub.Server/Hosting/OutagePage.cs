using System.Text.Encodings.Web;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Texts;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// The page people see while the database is unavailable: plain HTML with no layout, script or
/// database look-up behind it, naming when to try again, in the page's language and again in the other
/// one (A14), since the person's saved language cannot be read.
/// </summary>
internal static class OutagePage
{
    public static string Html(HttpContext http, TimeSpan retryAfter)
    {
        var texts = http.RequestServices.GetRequiredService<LanguageTexts>();
        var clientId = http.RequestServices.GetService<IdentityHub.Hosting.Wording.ICurrentPortal>()?.ClientId;
        var language = SupportedLanguages.Current;
        var other = language == SupportedLanguages.English ? SupportedLanguages.Spanish : SupportedLanguages.English;
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        string Text(string key, string inLanguage, params object[] arguments) =>
            HtmlEncoder.Default.Encode(texts.Text<SignInText>(key, inLanguage, clientId, arguments));
        string Message(string inLanguage) =>
            minutes == 1 ? Text("Outage.Message.One", inLanguage) : Text("Outage.Message.Many", inLanguage, minutes);

        return $$"""
            <!DOCTYPE html>
            <html lang="{{language}}">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{{Text("Outage.Title", language)}} - {{HtmlEncoder.Default.Encode(texts.Text<LayoutText>("Brand.Name", language, clientId))}}</title>
                <link rel="stylesheet" href="/_content/IdentityHub.Hosting/css/site.css" />
            </head>
            <body>
            <main id="main">
                <h1>{{Text("Outage.Heading", language)}}</h1>
                <p id="outage-message">{{Message(language)}}</p>
                <p lang="{{other}}" id="outage-message-other">{{Message(other)}}</p>
            </main>
            </body>
            </html>
            """;
    }
}
