using System.Net;
using System.Text.RegularExpressions;

namespace IdentityHub.Server.Tests.Account;

/// <summary>The main element of a page as a person reads it, with what differs per request (antiforgery token, reference) blanked.</summary>
public static partial class PageText
{
    public static string MainText(string html)
    {
        var main = MainPattern().Match(html);
        Assert.True(main.Success, "The page has no main element: " + html);
        var text = AntiforgeryPattern().Replace(main.Groups[1].Value, "value=\"(token)\"");
        return WebUtility.HtmlDecode(ReferencePattern().Replace(text, "id=\"reference\">(reference)<"));
    }

    [GeneratedRegex("<main[^>]*>(.*)</main>", RegexOptions.Singleline)]
    private static partial Regex MainPattern();

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\" type=\"hidden\" )value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex("id=\"reference\">[0-9A-Z]{4}-[0-9A-Z]{4}<")]
    private static partial Regex ReferencePattern();
}
