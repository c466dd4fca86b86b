using IdentityHub.Core.Mfa;
using IdentityHub.Data;
using IdentityHub.Data.Mfa;
using IdentityHub.Data.Terms;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IdentityHub.Benchmarks.Seeding;

public sealed record BenchUser(string Id, string UserName, string Email);

/// <summary>
/// Users past their first sign-in: a password at the server's hashing cost, an enrolled email method,
/// the current terms accepted and a set of recovery codes, so that a sign-in is password, code, token.
/// Written straight to the database the server runs on (after it has migrated and seeded the terms).
/// </summary>
public static class BenchUsers
{
    public const string Password = "correct horse battery staple";

    public static async Task<IReadOnlyList<BenchUser>> SeedIdentityHubAsync(string connectionString, int count)
    {
        await using var services = new ServiceCollection()
            .AddIdentityHubDatabase(DatabaseProvider.Postgres, connectionString)
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        var terms = await db.TermsVersions.OrderByDescending(t => t.PublishedAt).FirstAsync();

        // One hash for all: the cost of checking it is what matters, and hashing 3,000 times would take minutes.
        var passwordHash = new PasswordHasher<IdentityHubUser>().HashPassword(new IdentityHubUser(), Password);
        var now = DateTimeOffset.UtcNow;
        var seeded = new List<BenchUser>(count);
        for (var start = 0; start < count; start += 500)
        {
            for (var i = start; i < Math.Min(count, start + 500); i++)
            {
                var name = $"bench-{i:00000}";
                var user = new IdentityHubUser
                {
                    UserName = name,
                    NormalizedUserName = name.ToUpperInvariant(),
                    Email = name + "@bench.example",
                    NormalizedEmail = (name + "@bench.example").ToUpperInvariant(),
                    EmailConfirmed = true,
                    GivenName = "Rosa",
                    FamilyName = "Ramirez",
                    PasswordHash = passwordHash,
                    LockoutEnabled = true,
                    CreatedAt = now,
                    PasswordChangedAt = now,
                };
                db.Users.Add(user);
                db.MfaMethods.Add(new MfaMethod { UserId = user.Id, Kind = MfaMethodKind.Email, Destination = user.Email, CreatedAt = now, LastUsedAt = now });
                db.Set<TermsAcceptance>().Add(new TermsAcceptance { UserId = user.Id, TermsVersionId = terms.Id, TypedName = "Rosa Ramirez", AcceptedAt = now });
                var salt = RecoveryCodes.NewSalt();
                db.RecoveryCodes.Add(new RecoveryCodeRecord { UserId = user.Id, Salt = salt, Hash = RecoveryCodes.Hash(RecoveryCodes.Generate()[0], salt), CreatedAt = now });
                seeded.Add(new BenchUser(user.Id, name, user.Email));
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        return seeded;
    }

    /// <summary>The same people as accounts of the oidc-provider stand-in (its findAccount reads this table).</summary>
    public static async Task SeedOidcProviderAsync(string connectionString, IEnumerable<BenchUser> users)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var user in users)
        {
            var command = new NpgsqlBatchCommand(
                "INSERT INTO accounts (id, username, given_name, family_name, email) VALUES ($1, $2, 'Rosa', 'Ramirez', $3) ON CONFLICT (id) DO NOTHING");
            command.Parameters.Add(new NpgsqlParameter { Value = user.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = user.UserName });
            command.Parameters.Add(new NpgsqlParameter { Value = user.Email });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
    }
}
