using System.Collections.Immutable;
using System.Text.Json;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Logout;

/// <summary>
/// Ties the tokens a portal gets to the session that signed it in: each sign-in's ad-hoc authorization (which
/// OpenIddict links every code and refresh token of that sign-in to) is created here with the session id in its
/// properties, in the same single insert OpenIddict would make. When the session ends, those authorizations and
/// their tokens are revoked, so the portals' refresh tokens are refused (<c>invalid_grant</c>) at no cost to
/// the token endpoint.
/// </summary>
public sealed class SessionAuthorizations(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, TimeProvider time)
{
    public const string SessionProperty = "sid";

    /// <summary>Creates the ad-hoc authorization of one sign-in to one portal; returns its id.</summary>
    public async Task<string> CreateAsync(string applicationId, string userId, string sessionId, ImmutableArray<string> scopes, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = applicationId,
            Subject = userId,
            Type = AuthorizationTypes.AdHoc,
            Status = Statuses.Valid,
            CreationDate = time.GetUtcNow(),
        };
        descriptor.Scopes.UnionWith(scopes);
        descriptor.Properties[SessionProperty] = JsonSerializer.SerializeToElement(sessionId);
        var authorization = await authorizations.CreateAsync(descriptor, cancellationToken);
        return (await authorizations.GetIdAsync(authorization, cancellationToken))!;
    }

    /// <summary>Revokes the session's ad-hoc authorizations and every token issued under them; returns how many tokens.</summary>
    public async Task<long> RevokeAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        var revoked = 0L;
        var ofTheSession = new List<string>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(userId, cancellationToken))
        {
            if (await authorizations.GetTypeAsync(authorization, cancellationToken) is AuthorizationTypes.AdHoc
                && (await authorizations.GetPropertiesAsync(authorization, cancellationToken)).TryGetValue(SessionProperty, out var sid)
                && sid.ValueKind == JsonValueKind.String && sid.GetString() == sessionId
                && await authorizations.GetIdAsync(authorization, cancellationToken) is { } id)
            {
                ofTheSession.Add(id);
            }
        }

        foreach (var id in ofTheSession)
        {
            if (await authorizations.FindByIdAsync(id, cancellationToken) is { } authorization)
            {
                await authorizations.TryRevokeAsync(authorization, cancellationToken);
            }

            revoked += await tokens.RevokeByAuthorizationIdAsync(id, cancellationToken);
        }

        return revoked;
    }
}
