using IdentityHub.Data.Keys;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Data;

/// <summary>
/// The one database of the token server: ASP.NET Core Identity (schema version 3, with passkeys),
/// OpenIddict's applications, authorizations, scopes and tokens, the Data Protection key ring
/// and the token signing keys. Each provider has a subclass that owns its migrations.
/// </summary>
public abstract class IdentityHubDbContext(DbContextOptions options)
    : IdentityDbContext<IdentityHubUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StoredKey> SigningKeys => Set<StoredKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();

        builder.Entity<IdentityHubUser>(user =>
        {
            user.Property(u => u.GivenName).HasMaxLength(100);
            user.Property(u => u.FamilyName).HasMaxLength(100);
        });

        builder.Entity<StoredKey>(key =>
        {
            key.ToTable("SigningKeys");
            key.Property(k => k.Id).HasMaxLength(64);
            key.Property(k => k.Algorithm).HasMaxLength(16);
            key.Property(k => k.Use).HasConversion<string>().HasMaxLength(16);
            // Two nodes rotating at once compute the same activation time: one insert wins.
            key.HasIndex(k => new { k.Use, k.ActivatesAt }).IsUnique();
        });
    }
}
