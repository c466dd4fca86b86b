using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>
/// A page parsed once into a DOM (AngleSharp), read the way a person or a browser reads it: text
/// content with entities decoded, form controls by name, labels, links and forms. Never scraped with
/// patterns, so attribute order and encoding do not matter.
/// </summary>
public sealed class HtmlPage
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    private static readonly HtmlParser Parser = new();

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul",
    };

    private static readonly HashSet<string> Unread = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "template", "noscript" };

    private HtmlPage(IHtmlDocument document) => Document = document;

    public IHtmlDocument Document { get; }

    /// <summary>The body's text as a person reads it: entities decoded, scripts left out, whitespace collapsed.</summary>
    public string Text => TextContent(Document.Body!);

    public static HtmlPage Parse(string html) => new(Parser.ParseDocument(html));

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response) => Parse(await response.Content.ReadAsStringAsync());

    /// <summary>Shorthand for <c>Parse(html).Text</c>.</summary>
    public static string TextOf(string html) => Parse(html).Text;

    /// <summary>The text of a node and its descendants: entities decoded, scripts left out, whitespace collapsed.</summary>
    public static string TextContent(INode node)
    {
        var text = new StringBuilder();
        Append(node, text);
        return Collapse(text.ToString());
    }

    public IElement? Find(string selector) => Document.QuerySelector(selector);

    public IReadOnlyList<IElement> All(string selector) => [.. Document.QuerySelectorAll(selector)];

    public bool Has(string selector) => Find(selector) is not null;

    /// <summary>The one element the selector matches; fails the test when there is none or more than one.</summary>
    public IElement One(string selector)
    {
        var found = All(selector);
        return found.Count == 1 ? found[0]
            : throw new Xunit.Sdk.XunitException($"Expected one element for '{selector}', found {found.Count}. Page text: {Text}");
    }

    /// <summary>The text of the one element the selector matches.</summary>
    public string TextAt(string selector) => TextContent(One(selector));

    /// <summary>The form controls named <paramref name="name"/> (inputs, selects, text areas).</summary>
    public IReadOnlyList<IElement> Controls(string name) =>
        [.. Document.QuerySelectorAll("input, select, textarea").Where(control => control.GetAttribute("name") == name)];

    /// <summary>The value the browser would send for the one control named <paramref name="name"/>.</summary>
    public string ValueOf(string name)
    {
        var controls = Controls(name);
        return controls.Count == 1 ? ValueOf(controls[0])
            : throw new Xunit.Sdk.XunitException($"Expected one control named '{name}', found {controls.Count}.");
    }

    /// <summary>The control a label (by its text) belongs to, through <c>for</c> or by nesting.</summary>
    public IElement FieldLabelled(string labelText)
    {
        var labels = All("label").OfType<IHtmlLabelElement>().Where(label => TextContent(label) == labelText).ToList();
        if (labels.Count != 1)
        {
            throw new Xunit.Sdk.XunitException($"Expected one label '{labelText}', found {labels.Count}. Labels: {string.Join(" | ", All("label").Select(TextContent))}");
        }

        return labels[0].Control ?? throw new Xunit.Sdk.XunitException($"The label '{labelText}' belongs to no control.");
    }

    /// <summary>The text of the one label of a control: the label naming its id, or the label around it.</summary>
    public string LabelOf(IElement control)
    {
        var labels = All("label").Where(label => (control.Id is { Length: > 0 } id && label.GetAttribute("for") == id) || label.Contains(control)).ToList();
        return labels.Count == 1 ? TextContent(labels[0])
            : throw new Xunit.Sdk.XunitException($"Expected one label for the control '{control.GetAttribute("name")}', found {labels.Count}.");
    }

    /// <summary>The one link whose text is <paramref name="text"/>.</summary>
    public IHtmlAnchorElement Link(string text)
    {
        var links = All("a").OfType<IHtmlAnchorElement>().Where(link => TextContent(link) == text).ToList();
        return links.Count == 1 ? links[0]
            : throw new Xunit.Sdk.XunitException($"Expected one link '{text}', found {links.Count}.");
    }

    /// <summary>The antiforgery token the page's forms carry.</summary>
    public string AntiforgeryToken =>
        Controls(AntiforgeryField).Select(ValueOf).FirstOrDefault(value => value.Length > 0)
        ?? throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>
    /// The form a browser submits to <paramref name="url"/>: one whose action is that URL, or one without
    /// an action (it posts back to the page's own URL).
    /// </summary>
    public IHtmlFormElement FormPostingTo(string url)
    {
        var forms = All("form").OfType<IHtmlFormElement>().ToList();
        return forms.FirstOrDefault(form => form.GetAttribute("action") == url)
            ?? forms.FirstOrDefault(form => string.IsNullOrEmpty(form.GetAttribute("action")))
            ?? throw new Xunit.Sdk.XunitException($"No form on the page posts to {url}. Forms: {string.Join(", ", forms.Select(form => form.GetAttribute("action") ?? "(no action)"))}");
    }

    /// <summary>The hidden fields a form sends, antiforgery token included.</summary>
    public static IReadOnlyDictionary<string, string> HiddenFieldsOf(IHtmlFormElement form) =>
        form.QuerySelectorAll("input").OfType<IHtmlInputElement>()
            .Where(input => input.Type == "hidden" && !string.IsNullOrEmpty(input.Name))
            .GroupBy(input => input.Name!)
            .ToDictionary(group => group.Key, group => group.First().Value);

    private static string ValueOf(IElement control) => control switch
    {
        IHtmlInputElement input => input.Value,
        IHtmlTextAreaElement area => area.Value,
        IHtmlSelectElement select => select.Value ?? "",
        _ => control.GetAttribute("value") ?? "",
    };

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText part)
            {
                text.Append(part.Data);
            }
            else if (child is IElement element && !Unread.Contains(element.LocalName))
            {
                var block = Blocks.Contains(element.LocalName);
                if (block)
                {
                    text.Append(' ');
                }

                Append(element, text);
                if (block)
                {
                    text.Append(' ');
                }
            }
        }
    }

    private static string Collapse(string text)
    {
        var collapsed = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = collapsed.Length > 0;
                continue;
            }

            if (space)
            {
                collapsed.Append(' ');
                space = false;
            }

            collapsed.Append(c);
        }

        return collapsed.ToString();
    }
}
