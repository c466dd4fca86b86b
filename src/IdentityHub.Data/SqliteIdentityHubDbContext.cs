using IdentityHub.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IdentityHub.Data;

/// <summary>The embedded SQLite flavour; its migrations live in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteIdentityHubDbContext(DbContextOptions<SqliteIdentityHubDbContext> options)
    : IdentityHubDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // SQLite cannot order or compare DateTimeOffset values; store them as UTC ticks instead.
        var ticks = new ValueConverter<DateTimeOffset, long>(value => value.UtcTicks, value => new DateTimeOffset(value, TimeSpan.Zero));
        var nullableTicks = new ValueConverter<DateTimeOffset?, long?>(
            value => value.HasValue ? value.Value.UtcTicks : null,
            value => value.HasValue ? new DateTimeOffset(value.Value, TimeSpan.Zero) : null);

        // IdentityHub's own tables (Identity's user table keeps its own mapping).
        var ours = builder.Model.GetEntityTypes().Where(type =>
            type.ClrType.Namespace?.StartsWith("IdentityHub.Data.", StringComparison.Ordinal) == true && type.ClrType != typeof(IdentityHubUser));
        foreach (var property in ours.SelectMany(type => type.GetProperties()))
        {
            if (property.ClrType == typeof(DateTimeOffset))
            {
                property.SetValueConverter(ticks);
            }
            else if (property.ClrType == typeof(DateTimeOffset?))
            {
                property.SetValueConverter(nullableTicks);
            }
        }
    }
}
