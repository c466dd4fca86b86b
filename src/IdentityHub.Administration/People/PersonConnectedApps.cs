using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Administration.People;

/// <summary>An app a person connected to their account (their standing consent), as the plan's staff see it.</summary>
public sealed record ConnectedAppView(string AuthorizationId, string ClientId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset? Since);

/// <summary>
/// A person's connected apps for the plan (P12, P13): the same consents the person sees on their account's connected-apps
/// page, listed for the plan's staff, who may take one back "by the plan" (a compromised app, a member's call). Taking it
/// back revokes the authorization and every token it issued, so the app's refresh token stops at once, as when the member
/// does it. Platform staff only; anyone else gets 404. Audited as <c>consent.revoked</c>.
/// </summary>
public sealed class PersonConnectedApps(
    PeopleDirectory people,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictApplicationManager applications,
    IOpenIddictTokenManager tokens,
    AdminAudit audit,
    IdentityHubDbContext db)
{
    public async Task<AdminResult<IReadOnlyList<ConnectedAppView>>> ListAsync(AdminCaller caller, string personId, CancellationToken cancellationToken = default)
    {
        if (!caller.Role.IsPlatformStaff() || await people.FindAsync(caller, personId, cancellationToken) is null)
        {
            return new AdminResult<IReadOnlyList<ConnectedAppView>>.NotFound();
        }

        var apps = new List<ConnectedAppView>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(personId, cancellationToken))
        {
            if (await ViewAsync(authorization, cancellationToken) is { } app)
            {
                apps.Add(app);
            }
        }

        return new AdminResult<IReadOnlyList<ConnectedAppView>>.Done([.. apps.OrderBy(app => app.Name, StringComparer.OrdinalIgnoreCase)]);
    }

    public async Task<AdminResult<ConnectedAppView>> RevokeAsync(AdminCaller caller, string personId, string authorizationId, CancellationToken cancellationToken = default)
    {
        if (!caller.Role.IsPlatformStaff() || await people.FindAsync(caller, personId, cancellationToken) is null
            || await authorizations.FindByIdAsync(authorizationId, cancellationToken) is not { } authorization
            || await authorizations.GetSubjectAsync(authorization, cancellationToken) != personId
            || await ViewAsync(authorization, cancellationToken) is not { } app)
        {
            return new AdminResult<ConnectedAppView>.NotFound();
        }

        await authorizations.TryRevokeAsync(authorization, cancellationToken);
        var revoked = await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
        var reference = audit.Add(caller, "consent.revoked", personId, null, $"{app.ClientId}; scopes {string.Join(' ', app.Scopes)}; {revoked} token(s) revoked; by the plan");
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<ConnectedAppView>.Done(app, Reference: reference);
    }

    /// <summary>A valid permanent authorization as an app; null for anything else (ad-hoc sign-in authorizations, revoked ones).</summary>
    private async Task<ConnectedAppView?> ViewAsync(object authorization, CancellationToken cancellationToken)
    {
        if (await authorizations.GetTypeAsync(authorization, cancellationToken) != AuthorizationTypes.Permanent
            || await authorizations.GetStatusAsync(authorization, cancellationToken) != Statuses.Valid
            || await authorizations.GetApplicationIdAsync(authorization, cancellationToken) is not { } applicationId
            || await applications.FindByIdAsync(applicationId, cancellationToken) is not { } application)
        {
            return null;
        }

        var clientId = await applications.GetClientIdAsync(application, cancellationToken) ?? applicationId;
        return new ConnectedAppView(
            (await authorizations.GetIdAsync(authorization, cancellationToken))!,
            clientId,
            await applications.GetDisplayNameAsync(application, cancellationToken) ?? clientId,
            [.. await authorizations.GetScopesAsync(authorization, cancellationToken)],
            await authorizations.GetCreationDateAsync(authorization, cancellationToken));
    }
}
