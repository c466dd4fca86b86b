using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using static OpenIddict.Abstractions.OpenIddictExceptions;

namespace IdentityHub.Server.Connect.Tokens.Npgsql;

/// <summary>
/// The request's own database connection (the EF Core context's), opened for one command and closed after it
/// unless EF Core had it open: the command joins whatever transaction the context is in, and the pooled
/// physical connection keeps the statements Npgsql prepared on it (<c>Max Auto Prepare</c>). Before a write,
/// whatever the request added to the context is saved first: code written for EF Core's stores counted on their
/// save to carry it (an audit event added before a consent is stored, for one).
/// </summary>
internal readonly struct StoreConnection : IAsyncDisposable
{
    private readonly DbContext _db;
    private readonly bool _opened;

    private StoreConnection(DbContext db, NpgsqlConnection connection, bool opened)
    {
        _db = db;
        Connection = connection;
        _opened = opened;
    }

    public NpgsqlConnection Connection { get; }

    public static async ValueTask<StoreConnection> OpenAsync(DbContext db, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        return new StoreConnection(db, connection, opened);
    }

    /// <summary>For a write: saves what the request left pending in the context, then opens.</summary>
    public static async ValueTask<StoreConnection> OpenForWriteAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return await OpenAsync(db, cancellationToken);
    }

    public NpgsqlCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction;
        return command;
    }

    /// <summary>
    /// Runs an update or delete guarded by the row's concurrency token. No row changed means another request changed
    /// or deleted it first: <paramref name="undo"/> puts the entity back as it was read, and OpenIddict gets its
    /// concurrency failure (a second redemption of one token is refused this way).
    /// </summary>
    public static async Task ExecuteGuardedAsync(NpgsqlCommand command, string row, Action? undo, CancellationToken cancellationToken)
    {
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            undo?.Invoke();
            throw new ConcurrencyException($"The {row} was changed or deleted by another request.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_opened)
        {
            await _db.Database.CloseConnectionAsync();
        }
    }
}
