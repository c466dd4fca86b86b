namespace IdentityHub.Admin.Api;

/// <summary>Page numbers start at 1; a page holds 1 to 100 items (25 unless asked).</summary>
internal static class Paging
{
    public const int DefaultSize = 25;

    public const int MaxSize = 100;

    /// <summary>A 400 naming the parameter that is out of range, or null.</summary>
    public static IResult? Check(int? page, int? pageSize)
    {
        if (page is < 1)
        {
            return ApiResults.Invalid("page", "Pages are numbered from 1.");
        }

        if (pageSize is < 1 or > MaxSize)
        {
            return ApiResults.Invalid("pageSize", $"A page holds 1 to {MaxSize} items.");
        }

        return null;
    }
}
