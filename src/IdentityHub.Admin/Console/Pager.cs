namespace IdentityHub.Admin.Console;

/// <summary>Previous and next links of a paged list, with "page 2 of 7".</summary>
public sealed record Pager(int PageNumber, int PageCount, Func<int, string> LinkTo)
{
    public bool HasPrevious => PageNumber > 1;

    public bool HasNext => PageNumber < PageCount;
}
