using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace IdentityHub.Data;

public static class DatabaseMigrations
{
    /// <summary>
    /// Creates the database and EF Core's migrations-history table if they do not exist yet, then applies
    /// the pending migrations. EF Core's migrator would create both too, but on PostgreSQL it first tries
    /// them and logs each failure as an error (<c>fail: ...Database.Connection[20004]</c>, then a failed
    /// <c>SELECT ... FROM "__EFMigrationsHistory"</c>): an operator starting on an empty server should
    /// not have to read past two errors that are not. The checks here expect those answers.
    /// Returns the migrations it applied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ApplyMigrationsAsync(this DbContext db, CancellationToken cancellationToken = default)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (System.Data.Common.DbException)
            {
                // Another node starting at the same moment may have created it first.
                if (!await creator.ExistsAsync(cancellationToken))
                {
                    throw;
                }
            }
        }

        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        // Always: besides applying, the migrator refuses a model that has changes no migration holds.
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }
}
