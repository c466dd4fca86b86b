using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Hosting.Wording;

/// <summary>
/// A translated sentence with markup inside it (a link, a bold word) without trusting the text as HTML: the
/// text is encoded and each {0}, {1}… is replaced by the markup given.
/// </summary>
public static class Sentences
{
    public static IHtmlContent Sentence(this IHtmlHelper html, LocalizedString text, params IHtmlContent[] parts)
    {
        var builder = new HtmlContentBuilder();
        var value = text.Value;
        var start = 0;
        for (var index = 0; index < value.Length; index++)
        {
            if (value[index] == '{' && index + 2 < value.Length && char.IsAsciiDigit(value[index + 1]) && value[index + 2] == '}'
                && value[index + 1] - '0' < parts.Length)
            {
                builder.Append(value[start..index]);
                builder.AppendHtml(parts[value[index + 1] - '0']);
                start = index + 3;
                index += 2;
            }
        }

        builder.Append(value[start..]);
        return builder;
    }

    /// <summary>A telephone number as a link that dials it.</summary>
    public static IHtmlContent PhoneLink(this IHtmlHelper html, string phone, string? id = null)
    {
        var dial = new string([.. phone.Where(c => char.IsAsciiDigit(c) || c == '+')]);
        var idAttribute = id is null ? "" : $" id=\"{HtmlEncoder.Default.Encode(id)}\"";
        return new HtmlString($"<a href=\"tel:{HtmlEncoder.Default.Encode(dial)}\"{idAttribute}>{HtmlEncoder.Default.Encode(phone)}</a>");
    }
}
