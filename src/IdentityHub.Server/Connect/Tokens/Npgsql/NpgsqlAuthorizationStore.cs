using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictExceptions;

namespace IdentityHub.Server.Connect.Tokens.Npgsql;

/// <summary>
/// OpenIddict's authorization store on PostgreSQL, with the hot paths on Npgsql: the ad-hoc authorization a
/// sign-in makes (one insert), finding one by id (usually already read with its token) and changing its status
/// (one guarded <c>UPDATE</c>). The EF Core store serves the rest: searches by subject and client (consent),
/// lists, pruning, revocation in bulk, and deleting (with its tokens, in one transaction).
/// </summary>
public sealed class NpgsqlAuthorizationStore(
    IMemoryCache cache,
    IOpenIddictEntityFrameworkCoreContext context,
    IOptionsMonitor<OpenIddictEntityFrameworkCoreOptions> options,
    HotRows rows)
    : OpenIddictEntityFrameworkCoreAuthorizationStore<OpenIddictEntityFrameworkCoreAuthorization, OpenIddictEntityFrameworkCoreApplication,
        OpenIddictEntityFrameworkCoreToken, string>(cache, context, options)
{
    public override async ValueTask<OpenIddictEntityFrameworkCoreAuthorization> InstantiateAsync(CancellationToken cancellationToken)
    {
        var authorization = await base.InstantiateAsync(cancellationToken);
        rows.Own(authorization);
        return authorization;
    }

    public override async ValueTask<OpenIddictEntityFrameworkCoreAuthorization?> FindByIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        if (rows.Authorization(identifier) is { } known)
        {
            return known;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(TokenRows.SelectAuthorizationById);
        TokenRows.Add(command, identifier);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var authorization = TokenRows.ReadAuthorization(reader);
        rows.Remember(authorization);
        return authorization;
    }

    public override ValueTask SetApplicationIdAsync(OpenIddictEntityFrameworkCoreAuthorization authorization, string? identifier, CancellationToken cancellationToken)
    {
        if (!rows.Owns(authorization))
        {
            return base.SetApplicationIdAsync(authorization, identifier, cancellationToken);
        }

        authorization.Application = string.IsNullOrEmpty(identifier) ? null : new OpenIddictEntityFrameworkCoreApplication { Id = identifier };
        return default;
    }

    public override async ValueTask CreateAsync(OpenIddictEntityFrameworkCoreAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        if (!rows.Owns(authorization))
        {
            await base.CreateAsync(authorization, cancellationToken);
            return;
        }

        authorization.Id ??= Guid.NewGuid().ToString();
        await using var connection = await OpenForWriteAsync(cancellationToken);
        await using var command = connection.Command(TokenRows.InsertAuthorization);
        TokenRows.BindAuthorization(command, authorization);
        await command.ExecuteNonQueryAsync(cancellationToken);
        rows.Remember(authorization);
    }

    public override async ValueTask UpdateAsync(OpenIddictEntityFrameworkCoreAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        if (!rows.Owns(authorization))
        {
            await base.UpdateAsync(authorization, cancellationToken);
            return;
        }

        var original = authorization.ConcurrencyToken;
        authorization.ConcurrencyToken = Guid.NewGuid().ToString();
        await using var connection = await OpenForWriteAsync(cancellationToken);
        await using var command = connection.Command(TokenRows.UpdateAuthorization);
        TokenRows.BindAuthorization(command, authorization);
        TokenRows.Add(command, original);
        await StoreConnection.ExecuteGuardedAsync(command, "authorization", () => authorization.ConcurrencyToken = original, cancellationToken);
    }

    /// <summary>Rare (pruning and revocation use the bulk paths): the row is read into EF Core and deleted there with its tokens.</summary>
    public override async ValueTask DeleteAsync(OpenIddictEntityFrameworkCoreAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        if (!rows.Owns(authorization))
        {
            await base.DeleteAsync(authorization, cancellationToken);
            return;
        }

        var db = await Context.GetDbContextAsync(cancellationToken);
        var tracked = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().AsTracking()
            .FirstOrDefaultAsync(row => row.Id == authorization.Id, cancellationToken);
        if (tracked is null || tracked.ConcurrencyToken != authorization.ConcurrencyToken)
        {
            throw new ConcurrencyException("The authorization was changed or deleted by another request.");
        }

        rows.Forget(authorization);
        await base.DeleteAsync(tracked, cancellationToken);
    }

    private async ValueTask<StoreConnection> OpenAsync(CancellationToken cancellationToken) =>
        await StoreConnection.OpenAsync(await Context.GetDbContextAsync(cancellationToken), cancellationToken);

    private async ValueTask<StoreConnection> OpenForWriteAsync(CancellationToken cancellationToken) =>
        await StoreConnection.OpenForWriteAsync(await Context.GetDbContextAsync(cancellationToken), cancellationToken);
}
