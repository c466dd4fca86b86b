using AngleSharp.Dom;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Account;

/// <summary>
/// The main element of a page with what differs per request (antiforgery token, reference number)
/// blanked: its text as a person reads it, or its markup as the DOM serialises it (for pages that must
/// not differ at all, hidden fields and links included).
/// </summary>
public static class PageText
{
    public static string MainText(string html) => HtmlPage.TextContent(MainOf(html));

    public static string MainMarkup(string html) => MainOf(html).OuterHtml;

    private static IElement MainOf(string html)
    {
        var main = HtmlPage.Parse(html).One("main");
        foreach (var token in main.QuerySelectorAll("input").Where(input => input.GetAttribute("name") == HtmlPage.AntiforgeryField))
        {
            token.SetAttribute("value", "(token)");
        }

        foreach (var reference in main.QuerySelectorAll("#reference"))
        {
            reference.TextContent = "(reference)";
        }

        return main;
    }
}
