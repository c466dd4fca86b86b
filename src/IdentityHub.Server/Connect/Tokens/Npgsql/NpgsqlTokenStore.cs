using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect.Tokens.Npgsql;

/// <summary>
/// OpenIddict's token store on PostgreSQL, with the paths every code, refresh and token request takes written
/// directly on Npgsql: finding a token (with its authorization, in one query), inserting one, redeeming or
/// revoking it (one <c>UPDATE</c> guarded by its concurrency token, so two redemptions of one refresh token
/// cannot both win). No change tracking, same tables and same behaviour as the EF Core store, which still
/// serves everything else (lists, counts, pruning, bulk revocation) and any entity it read itself.
/// An authorization code's row is written once, with its payload: OpenIddict creates the entry first (to put
/// its id inside the code) and saves the payload into it when the code is made.
/// </summary>
public sealed class NpgsqlTokenStore(
    IMemoryCache cache,
    IOpenIddictEntityFrameworkCoreContext context,
    IOptionsMonitor<OpenIddictEntityFrameworkCoreOptions> options,
    HotRows rows)
    : OpenIddictEntityFrameworkCoreTokenStore<OpenIddictEntityFrameworkCoreToken, OpenIddictEntityFrameworkCoreApplication,
        OpenIddictEntityFrameworkCoreAuthorization, string>(cache, context, options)
{
    public override async ValueTask<OpenIddictEntityFrameworkCoreToken> InstantiateAsync(CancellationToken cancellationToken)
    {
        var token = await base.InstantiateAsync(cancellationToken);
        rows.Own(token);
        return token;
    }

    public override ValueTask<OpenIddictEntityFrameworkCoreToken?> FindByIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return rows.Token(identifier) is { } known ? new(known) : new(ReadAsync(TokenRows.SelectTokenById, identifier, cancellationToken));
    }

    public override ValueTask<OpenIddictEntityFrameworkCoreToken?> FindByReferenceIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return rows.TokenByReference(identifier) is { } known ? new(known) : new(ReadAsync(TokenRows.SelectTokenByReferenceId, identifier, cancellationToken));
    }

    public override ValueTask SetApplicationIdAsync(OpenIddictEntityFrameworkCoreToken token, string? identifier, CancellationToken cancellationToken)
    {
        if (!rows.Owns(token))
        {
            return base.SetApplicationIdAsync(token, identifier, cancellationToken);
        }

        token.Application = string.IsNullOrEmpty(identifier) ? null : new OpenIddictEntityFrameworkCoreApplication { Id = identifier };
        return default;
    }

    public override ValueTask SetAuthorizationIdAsync(OpenIddictEntityFrameworkCoreToken token, string? identifier, CancellationToken cancellationToken)
    {
        if (!rows.Owns(token))
        {
            return base.SetAuthorizationIdAsync(token, identifier, cancellationToken);
        }

        token.Authorization = string.IsNullOrEmpty(identifier) ? null : rows.Authorization(identifier) ?? new OpenIddictEntityFrameworkCoreAuthorization { Id = identifier };
        return default;
    }

    public override async ValueTask CreateAsync(OpenIddictEntityFrameworkCoreToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!rows.Owns(token))
        {
            await base.CreateAsync(token, cancellationToken);
            return;
        }

        token.Id ??= Guid.NewGuid().ToString();
        rows.Remember(token);
        if (token.Type == TokenTypeIdentifiers.Private.AuthorizationCode && token.Payload is null)
        {
            // Inserted with its payload by UpdateAsync, before the code leaves the server.
            rows.HoldUntilPayload(token);
            return;
        }

        await InsertAsync(token, cancellationToken);
    }

    public override async ValueTask UpdateAsync(OpenIddictEntityFrameworkCoreToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!rows.Owns(token))
        {
            await base.UpdateAsync(token, cancellationToken);
            return;
        }

        if (rows.IsUnsaved(token))
        {
            token.ConcurrencyToken = Guid.NewGuid().ToString();
            await InsertAsync(token, cancellationToken);
            rows.Saved(token);
            return;
        }

        var original = token.ConcurrencyToken;
        token.ConcurrencyToken = Guid.NewGuid().ToString();
        await using var connection = await OpenForWriteAsync(cancellationToken);
        await using var command = connection.Command(TokenRows.UpdateToken);
        TokenRows.BindToken(command, token);
        TokenRows.Add(command, original);
        await StoreConnection.ExecuteGuardedAsync(command, "token", () => token.ConcurrencyToken = original, cancellationToken);
    }

    public override async ValueTask DeleteAsync(OpenIddictEntityFrameworkCoreToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!rows.Owns(token))
        {
            await base.DeleteAsync(token, cancellationToken);
            return;
        }

        var unsaved = rows.IsUnsaved(token);
        rows.Forget(token);
        if (unsaved)
        {
            return;
        }

        await using var connection = await OpenForWriteAsync(cancellationToken);
        await using var command = connection.Command(TokenRows.DeleteToken);
        TokenRows.Add(command, token.Id);
        TokenRows.Add(command, token.ConcurrencyToken);
        await StoreConnection.ExecuteGuardedAsync(command, "token", undo: null, cancellationToken);
    }

    private async Task InsertAsync(OpenIddictEntityFrameworkCoreToken token, CancellationToken cancellationToken)
    {
        await using var connection = await OpenForWriteAsync(cancellationToken);
        await using var command = connection.Command(TokenRows.InsertToken);
        TokenRows.BindToken(command, token);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<OpenIddictEntityFrameworkCoreToken?> ReadAsync(string sql, string identifier, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(sql);
        TokenRows.Add(command, identifier);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var token = TokenRows.ReadToken(reader);
        if (rows.Token(token.Id!) is { } known)
        {
            return known;
        }

        if (TokenRows.ReadJoinedAuthorization(reader) is { } authorization)
        {
            token.Authorization = rows.Authorization(authorization.Id!) ?? authorization;
            rows.Remember(token.Authorization);
        }

        rows.Remember(token);
        return token;
    }

    private async ValueTask<StoreConnection> OpenAsync(CancellationToken cancellationToken) =>
        await StoreConnection.OpenAsync(await Context.GetDbContextAsync(cancellationToken), cancellationToken);

    private async ValueTask<StoreConnection> OpenForWriteAsync(CancellationToken cancellationToken) =>
        await StoreConnection.OpenForWriteAsync(await Context.GetDbContextAsync(cancellationToken), cancellationToken);
}
