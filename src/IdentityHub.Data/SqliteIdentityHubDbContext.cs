using IdentityHub.Data.Keys;
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
        builder.Entity<StoredKey>(key =>
        {
            key.Property(k => k.PublishedAt).HasConversion(ticks);
            key.Property(k => k.ActivatesAt).HasConversion(ticks);
            key.Property(k => k.RetiresAt).HasConversion(ticks);
            key.Property(k => k.ExpiresAt).HasConversion(ticks);
        });
    }
}
