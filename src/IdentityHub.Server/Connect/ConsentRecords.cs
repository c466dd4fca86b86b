using System.Collections.Immutable;
using System.Text.Json;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect;

/// <summary>A person's standing consent to an app: the authorization that holds it and the scopes to issue for this request.</summary>
public sealed record StandingConsent(object Authorization, ImmutableArray<string> Issued);

/// <summary>
/// Consent per scope (P12, P13): the permanent authorization of a person and a third-party app holds the scopes the person
/// granted, and a property (<see cref="AskedProperty"/>) holds every scope they were asked about. A request whose scopes
/// were all asked about is answered without the consent page, issuing the requested scopes the person granted; a scope
/// never asked about brings the page back. One authorization per person and app: a later answer updates it, so the
/// app's existing tokens keep working and the connected-apps page lists the app once (decision 0042).
/// </summary>
public sealed class ConsentRecords(IOpenIddictAuthorizationManager authorizations, TimeProvider time)
{
    /// <summary>The authorization property listing the scopes the person was asked about (granted or declined).</summary>
    public const string AskedProperty = "identityhub_asked_scopes";

    /// <summary>The person's consent covering every requested scope, or null when the consent page must ask.</summary>
    public async Task<StandingConsent?> CoveringAsync(string userId, string applicationId, ImmutableArray<string> requested, CancellationToken cancellationToken = default)
    {
        if (await CurrentAsync(userId, applicationId, cancellationToken) is not { } authorization)
        {
            return null;
        }

        var granted = await authorizations.GetScopesAsync(authorization, cancellationToken);
        var asked = await AskedAsync(authorization, granted, cancellationToken);
        return requested.All(asked.Contains)
            ? new StandingConsent(authorization, [.. requested.Where(granted.Contains)])
            : null;
    }

    /// <summary>Records an answer: <paramref name="asked"/> were shown, <paramref name="ticked"/> left ticked. Earlier answers about other scopes stay.</summary>
    public async Task SaveAsync(string userId, string applicationId, IReadOnlyCollection<string> asked, IReadOnlyCollection<string> ticked, CancellationToken cancellationToken = default)
    {
        var existing = await CurrentAsync(userId, applicationId, cancellationToken);
        var descriptor = new OpenIddictAuthorizationDescriptor();
        HashSet<string> allAsked = [.. asked];
        HashSet<string> granted = [.. ticked];
        if (existing is not null)
        {
            await authorizations.PopulateAsync(descriptor, existing, cancellationToken);
            var before = descriptor.Scopes.ToList();
            allAsked.UnionWith(await AskedAsync(existing, [.. before], cancellationToken));
            granted.UnionWith(before.Where(scope => !asked.Contains(scope)));
            descriptor.Scopes.Clear();
        }
        else
        {
            descriptor.Subject = userId;
            descriptor.ApplicationId = applicationId;
            descriptor.Type = AuthorizationTypes.Permanent;
            descriptor.Status = Statuses.Valid;
            descriptor.CreationDate = time.GetUtcNow();
        }

        descriptor.Scopes.UnionWith(granted);
        descriptor.Properties[AskedProperty] = JsonSerializer.SerializeToElement(allAsked.Order(StringComparer.Ordinal));
        if (existing is not null)
        {
            await authorizations.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await authorizations.CreateAsync(descriptor, cancellationToken);
        }
    }

    private async Task<object?> CurrentAsync(string userId, string applicationId, CancellationToken cancellationToken) =>
        await authorizations.FindAsync(subject: userId, client: applicationId, status: Statuses.Valid, type: AuthorizationTypes.Permanent, scopes: null, cancellationToken)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The scopes asked about; an authorization from before this property existed was asked about what it granted.</summary>
    private async Task<HashSet<string>> AskedAsync(object authorization, ImmutableArray<string> granted, CancellationToken cancellationToken)
    {
        var properties = await authorizations.GetPropertiesAsync(authorization, cancellationToken);
        HashSet<string> asked = [.. granted];
        if (properties.TryGetValue(AskedProperty, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            asked.UnionWith(value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!));
        }

        return asked;
    }
}
