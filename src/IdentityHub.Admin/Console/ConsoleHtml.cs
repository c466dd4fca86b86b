using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IdentityHub.Admin.Console;

/// <summary>The markup that goes inside a translated sentence (<c>Html.Sentence</c>): a link, a bold word; the words are encoded.</summary>
public static class ConsoleHtml
{
    public static IHtmlContent Link(string href, string text, string? id = null)
    {
        var link = new TagBuilder("a");
        link.Attributes["href"] = href;
        if (id is not null)
        {
            link.Attributes["id"] = id;
        }

        link.InnerHtml.Append(text);
        return link;
    }

    public static IHtmlContent Strong(string text, string? id = null)
    {
        var strong = new TagBuilder("strong");
        if (id is not null)
        {
            strong.Attributes["id"] = id;
        }

        strong.InnerHtml.Append(text);
        return strong;
    }

    public static IHtmlContent Code(string text, string? id = null)
    {
        var code = new TagBuilder("code");
        code.AddCssClass("reference");
        if (id is not null)
        {
            code.Attributes["id"] = id;
        }

        code.InnerHtml.Append(text);
        return code;
    }

    /// <summary>Plain words as a part of a sentence (encoded).</summary>
    public static IHtmlContent Words(string text) => new HtmlContentBuilder().Append(text);
}
