using IdentityHub.Administration;

namespace IdentityHub.Admin.Api;

/// <summary>
/// How the application services' answers become HTTP (RFC 9457 problem details for every refusal): invalid
/// input is 400 naming each field, what the caller may not see is 404 (ids leak nothing), what the caller may
/// see but not do is 403, a stale version is 412, a change without a version is 428.
/// </summary>
internal static class ApiResults
{
    public static IResult Found<T>(T? value, Func<T, string>? version = null) where T : class =>
        value is null ? NotFound() : Versioned(TypedResults.Ok(value), version?.Invoke(value));

    public static IResult From<T>(AdminResult<T> result, Func<T, string>? version = null, Func<T, string>? createdAt = null) => result switch
    {
        AdminResult<T>.Done done => Versioned(
            createdAt is null
                ? TypedResults.Ok(new Outcome<T>(done.Value, done.Reference, done.Warning))
                : TypedResults.Created(createdAt(done.Value), new Outcome<T>(done.Value, done.Reference, done.Warning)),
            version?.Invoke(done.Value)),
        AdminResult<T>.Invalid invalid => Invalid(invalid.Problems),
        AdminResult<T>.Forbidden forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: forbidden.Reason),
        AdminResult<T>.Stale stale => Versioned(
            TypedResults.Problem(
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: "Changed by someone else",
                detail: "Someone changed this since you read it. Read it again (its new ETag is in this response) and make your change again."),
            stale.Current),
        _ => NotFound(),
    };

    public static IResult Invalid(IReadOnlyDictionary<string, string[]> problems) =>
        TypedResults.ValidationProblem(problems, title: "Some of what was sent needs correcting", detail: "Each field named under 'errors' says what to change.");

    public static IResult Invalid(string field, string problem) => Invalid(new Dictionary<string, string[]> { [field] = [problem] });

    public static IResult NotFound() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: "There is nothing with this id that you may see.");

    /// <summary>A change that did not say which version it changes.</summary>
    public static IResult VersionRequired() => TypedResults.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "Version required",
        detail: "Send the ETag you read in an If-Match header, so that you do not overwrite someone else's change.");

    private static IResult Versioned(IResult result, string? version) =>
        version is null ? result : new WithETag(result, Versions.ToETag(version));

    /// <summary>Adds the ETag header to any result.</summary>
    private sealed class WithETag(IResult inner, string etag) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ETag = etag;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
