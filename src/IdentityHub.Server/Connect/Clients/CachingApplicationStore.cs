using IdentityHub.Core.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace IdentityHub.Server.Connect.Clients;

/// <summary>
/// OpenIddict's Entity Framework Core application store, with lookups by client id and by id answered
/// from <see cref="ClientSnapshots"/> when this node read the client recently. A remembered client is
/// cloned and attached to the request's context as unchanged, so everything after the lookup (a code or
/// refresh token pointing at the client, an update) behaves as if it had been read from the database,
/// and no two requests share an entity.
/// </summary>
public sealed class CachingApplicationStore(
    IMemoryCache cache,
    IOpenIddictEntityFrameworkCoreContext context,
    IOptionsMonitor<OpenIddictEntityFrameworkCoreOptions> options,
    ClientSnapshots snapshots,
    ClientKeySets keySets)
    : OpenIddictEntityFrameworkCoreApplicationStore<OpenIddictEntityFrameworkCoreApplication,
        OpenIddictEntityFrameworkCoreAuthorization, OpenIddictEntityFrameworkCoreToken, string>(cache, context, options)
{
    public override ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken) =>
        FindAsync(identifier, snapshots.FindByClientId, base.FindByClientIdAsync, cancellationToken);

    public override ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        FindAsync(identifier, snapshots.FindById, base.FindByIdAsync, cancellationToken);

    /// <summary>The keys registered inline, or those published at the client's registered <c>jwks_uri</c>.</summary>
    public override async ValueTask<JsonWebKeySet?> GetJsonWebKeySetAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken)
    {
        if (await base.GetJsonWebKeySetAsync(application, cancellationToken) is { } inline)
        {
            return inline;
        }

        return ClientSettings.From(await GetPropertiesAsync(application, cancellationToken)).JwksUri is { } uri
            ? await keySets.GetAsync(uri, cancellationToken)
            : null;
    }

    public override async ValueTask UpdateAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken)
    {
        // Forgotten before and after: a failed update (another node changed the client) reads it afresh next time.
        snapshots.Forget(application);
        try
        {
            await base.UpdateAsync(application, cancellationToken);
        }
        finally
        {
            snapshots.Forget(application);
        }
    }

    public override async ValueTask DeleteAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken)
    {
        snapshots.Forget(application);
        await base.DeleteAsync(application, cancellationToken);
    }

    private async ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindAsync(
        string identifier,
        Func<string, OpenIddictEntityFrameworkCoreApplication?> remembered,
        Func<string, CancellationToken, ValueTask<OpenIddictEntityFrameworkCoreApplication?>> read,
        CancellationToken cancellationToken)
    {
        var database = await Context.GetDbContextAsync(cancellationToken);
        if (!string.IsNullOrEmpty(identifier) && remembered(identifier) is { } copy)
        {
            return Attach(database, copy);
        }

        return Remember(database, await read(identifier, cancellationToken));
    }

    private OpenIddictEntityFrameworkCoreApplication? Remember(DbContext database, OpenIddictEntityFrameworkCoreApplication? application)
    {
        if (application is not null)
        {
            snapshots.Remember(Copy(database, application));
        }

        return application;
    }

    private static OpenIddictEntityFrameworkCoreApplication Attach(DbContext database, OpenIddictEntityFrameworkCoreApplication remembered)
    {
        // Already read or attached by this request: the same instance, as a query would return.
        if (database.Set<OpenIddictEntityFrameworkCoreApplication>().Local.FindEntry(remembered.Id!) is { } tracked)
        {
            return tracked.Entity;
        }

        var clone = Copy(database, remembered);
        database.Attach(clone);
        return clone;
    }

    // The scalar values only (no authorizations or tokens), whatever properties OpenIddict's entity has.
    private static OpenIddictEntityFrameworkCoreApplication Copy(DbContext database, OpenIddictEntityFrameworkCoreApplication application) =>
        (OpenIddictEntityFrameworkCoreApplication)database.Entry(application).CurrentValues.ToObject();
}
