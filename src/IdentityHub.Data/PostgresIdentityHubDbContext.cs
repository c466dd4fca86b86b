using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Data;

/// <summary>The PostgreSQL flavour; its migrations live in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresIdentityHubDbContext(DbContextOptions<PostgresIdentityHubDbContext> options)
    : IdentityHubDbContext(options);
