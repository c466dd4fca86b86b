using IdentityHub.Data;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Hosting;

/// <summary>Gets the database ready before the token server serves or a command runs (<see cref="DatabaseReadiness"/>).</summary>
internal static class ServerDatabase
{
    /// <summary>Migrates unless <c>MigrateOnStart</c> is off: what is wrong, or null when ready.</summary>
    public static Task<string?> PrepareAsync(IServiceProvider services) =>
        DatabaseReadiness.PrepareAsync(services, services.GetRequiredService<IOptions<IdentityHubOptions>>().Value.Database.MigrateOnStart);
}
