using IdentityHub.Administration;

namespace IdentityHub.Admin.Access;

/// <summary>The caller of an API endpoint, as <see cref="CallerLookup"/> found them in the database for this request.</summary>
public sealed record ApiCaller(AdminCaller Value)
{
    /// <summary>Binds the endpoint parameter from what the lookup found (it runs before any endpoint of the group).</summary>
    public static ValueTask<ApiCaller?> BindAsync(HttpContext http) =>
        ValueTask.FromResult(http.Items[typeof(ApiCaller)] as ApiCaller);

    public static implicit operator AdminCaller(ApiCaller caller) => caller.Value;
}
