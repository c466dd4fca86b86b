using IdentityHub.Admin.Hosting;
using IdentityHub.Administration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace IdentityHub.Admin.Access;

/// <summary>Marks the endpoints that act for a caller with administrative rights (the whole <c>/api/v1</c> group).</summary>
internal sealed class NeedsAdminCaller;

/// <summary>
/// Finds who is calling, from the database, after authentication and before the endpoint binds its
/// parameters: a person's token acts with the role and organization their record has now (never what the
/// token said when it was issued); a client-credentials token acts with the rights registered for that client
/// in <c>IdentityHub:Admin:ServiceClients</c>. Anyone else (a general user, a turned-off account, an
/// unregistered service) is refused with a 403 problem.
/// </summary>
internal sealed class CallerLookup(RequestDelegate next)
{
    public const string ServicePrefix = "client:";

    public async Task InvokeAsync(HttpContext http, AdminCallers callers, IOptionsMonitor<AdminHostOptions> options)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<NeedsAdminCaller>() is null || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }

        var caller = await FindAsync(http, callers, options.CurrentValue);
        if (caller is null)
        {
            await NotAnAdministrator.ExecuteAsync(http);
            return;
        }

        http.Items[typeof(ApiCaller)] = new ApiCaller(caller);
        await next(http);
    }

    private static ProblemHttpResult NotAnAdministrator => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Not an administrator",
        detail: "This account or service has no administrative rights. Ask your organization's administrator or the plan's help desk.");

    private static Task<AdminCaller?> FindAsync(HttpContext http, AdminCallers callers, AdminHostOptions options)
    {
        var subject = http.User.GetClaim(OpenIddictConstants.Claims.Subject);
        var client = http.User.GetClaim(OpenIddictConstants.Claims.ClientId);
        if (subject is not null && subject == client)
        {
            var rights = options.ServiceClients.FirstOrDefault(registered => registered.ClientId == client);
            return Task.FromResult(rights is null ? null : new AdminCaller(ServicePrefix + rights.ClientId, rights.Role, rights.OrganizationId));
        }

        return callers.FindAsync(subject, http.RequestAborted);
    }
}
