using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityHub.Admin.Console;

/// <summary>Previous and next links of a paged list, with "page 2 of 7".</summary>
public sealed record Pager(int PageNumber, int PageCount, Func<int, string> LinkTo)
{
    public bool HasPrevious => PageNumber > 1;

    public bool HasNext => PageNumber < PageCount;

    /// <summary>
    /// A list's address with its filters (those with a value) on page <paramref name="number"/>. Built by hand:
    /// "page" is no route value, Razor Pages keeps that name for the page's own (Url.Page would drop the number).
    /// </summary>
    public static string Link(string path, int number, params (string Name, object? Value)[] filters)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in filters)
        {
            if (Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text)
            {
                query[name] = text;
            }
        }

        query["page"] = number.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(path, query);
    }
}
