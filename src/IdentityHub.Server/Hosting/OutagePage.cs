using System.Globalization;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// The page people see while the database is unavailable: plain HTML with no layout, script or
/// database look-up behind it, in English and Spanish (A14), naming when to try again.
/// </summary>
internal static class OutagePage
{
    public static string Html(TimeSpan retryAfter)
    {
        var (english, spanish) = When(retryAfter);
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>Temporarily unavailable - IdentityHub</title>
                <link rel="stylesheet" href="/_content/IdentityHub.Hosting/css/site.css" />
            </head>
            <body>
            <main id="main">
                <h1>Sign-in is temporarily unavailable</h1>
                <p id="outage-message">We cannot complete your request right now. Nothing is wrong with your account. Please try again in {{english}}.</p>
                <p lang="es">No podemos completar su solicitud en este momento. Su cuenta no tiene ningún problema. Vuelva a intentarlo en {{spanish}}.</p>
            </main>
            </body>
            </html>
            """;
    }

    private static (string English, string Spanish) When(TimeSpan retryAfter)
    {
        var minutes = (int)Math.Ceiling(retryAfter.TotalMinutes);
        if (minutes <= 1)
        {
            return ("a minute", "un minuto");
        }

        var count = minutes.ToString(CultureInfo.InvariantCulture);
        return ($"{count} minutes", $"{count} minutos");
    }
}
