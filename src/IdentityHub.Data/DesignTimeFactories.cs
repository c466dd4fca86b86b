using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Data;

// Used only by the `dotnet ef` tools (docs/migrations.md); the commands given there never open
// these connection strings.
// Identity reads its schema version (3: with passkeys) from IdentityOptions in the application
// services, as it does in the running server, so the design-time context is given the same.

internal static class DesignTimeServices
{
    public static IServiceProvider IdentityOptions() => new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresIdentityHubDbContext>
{
    public PostgresIdentityHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresIdentityHubDbContext>()
            .UseNpgsql("Host=localhost;Database=identityhub_design")
            .UseOpenIddict()
            .UseApplicationServiceProvider(DesignTimeServices.IdentityOptions())
            .Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIdentityHubDbContext>
{
    public SqliteIdentityHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIdentityHubDbContext>()
            .UseSqlite("Data Source=design.db")
            .UseOpenIddict()
            .UseApplicationServiceProvider(DesignTimeServices.IdentityOptions())
            .Options);
}
