using IdentityHub.Server.Audit;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect;

/// <summary>An application the person allowed to use their account (a permanent authorization: their consent).</summary>
public sealed record ConnectedApp(string AuthorizationId, string ClientId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset? Since);

/// <summary>
/// The applications a person consented to (third-party apps ask; the plan's own portals do not), and taking
/// that consent back: the authorization is revoked with every token it issued, so the app's refresh token stops
/// working at once, and the app asks again next time. Audited as <c>consent.revoked</c>.
/// </summary>
public sealed class ConnectedApps(
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictApplicationManager applications,
    IOpenIddictTokenManager tokens,
    AuditLog audit)
{
    public async Task<IReadOnlyList<ConnectedApp>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var apps = new List<ConnectedApp>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(userId, cancellationToken))
        {
            if (await AsAppAsync(authorization, cancellationToken) is { } app)
            {
                apps.Add(app);
            }
        }

        return [.. apps.OrderBy(app => app.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Revokes the consent and its tokens; false when it is not this person's, or no longer valid.</summary>
    public async Task<bool> DisconnectAsync(string userId, string authorizationId, CancellationToken cancellationToken = default)
    {
        var authorization = await authorizations.FindByIdAsync(authorizationId, cancellationToken);
        if (authorization is null || await authorizations.GetSubjectAsync(authorization, cancellationToken) != userId
            || await AsAppAsync(authorization, cancellationToken) is not { } app)
        {
            return false;
        }

        await authorizations.TryRevokeAsync(authorization, cancellationToken);
        var revoked = await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
        await audit.RecordAsync("consent.revoked", "succeeded", userId, app.ClientId, $"scopes {string.Join(' ', app.Scopes)}; {revoked} token(s) revoked; by the person", cancellationToken: cancellationToken);
        return true;
    }

    private async Task<ConnectedApp?> AsAppAsync(object authorization, CancellationToken cancellationToken)
    {
        if (await authorizations.GetTypeAsync(authorization, cancellationToken) != AuthorizationTypes.Permanent
            || await authorizations.GetStatusAsync(authorization, cancellationToken) != Statuses.Valid
            || await authorizations.GetApplicationIdAsync(authorization, cancellationToken) is not { } applicationId
            || await applications.FindByIdAsync(applicationId, cancellationToken) is not { } application)
        {
            return null;
        }

        var clientId = await applications.GetClientIdAsync(application, cancellationToken) ?? applicationId;
        return new ConnectedApp(
            (await authorizations.GetIdAsync(authorization, cancellationToken))!,
            clientId,
            await applications.GetLocalizedDisplayNameAsync(application, cancellationToken) ?? clientId,
            [.. await authorizations.GetScopesAsync(authorization, cancellationToken)],
            await authorizations.GetCreationDateAsync(authorization, cancellationToken));
    }
}
