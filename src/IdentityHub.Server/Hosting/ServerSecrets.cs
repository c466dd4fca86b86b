using System.Collections.Concurrent;
using System.Security.Cryptography;
using IdentityHub.Data;
using IdentityHub.Data.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// Random 256-bit secrets made on first use and kept in the database (protected with Data
/// Protection), so that every node uses the same one. When two nodes make one at once, the first
/// insert wins and the other reads it.
/// </summary>
public sealed class ServerSecrets(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, byte[]> _known = new(StringComparer.Ordinal);
    private readonly IDataProtector _protector = protection.CreateProtector("IdentityHub.ServerSecrets");

    public async Task<byte[]> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        if (_known.TryGetValue(name, out var known))
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        var secret = await db.ServerSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (secret is null)
        {
            secret = new ServerSecret
            {
                Name = name,
                ProtectedValue = Convert.ToBase64String(_protector.Protect(RandomNumberGenerator.GetBytes(32))),
                CreatedAt = time.GetUtcNow(),
            };
            db.ServerSecrets.Add(secret);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                secret = await db.ServerSecrets.AsNoTracking().FirstAsync(s => s.Name == name, cancellationToken);
            }
        }

        return _known.GetOrAdd(name, _protector.Unprotect(Convert.FromBase64String(secret.ProtectedValue)));
    }
}
