using IdentityHub.Core.Audit;
using IdentityHub.Data.Audit;

namespace IdentityHub.Admin.Tests;

/// <summary>Audit events written straight into the hosts' database, naming their organization as sealing will.</summary>
public static class AuditRows
{
    public static Task<int> AddEventsAsync(this AdminHosts hosts, string? organizationId, int count, string @event = "person.unlocked", string? detail = null) =>
        hosts.InDatabaseAsync(db =>
        {
            var now = hosts.TokenServer.Clock.GetUtcNow();
            db.AuditEvents.AddRange(Enumerable.Range(0, count).Select(n => new AuditEvent
            {
                OccurredAt = now.AddMinutes(-n),
                OrganizationId = organizationId,
                UserId = "user-" + n,
                ActorId = "administrator",
                ClientId = "provider-portal",
                IpAddress = "203.0.113.7",
                Device = "Firefox on Linux",
                Event = @event,
                Outcome = "succeeded",
                Reference = AuditReferences.New(),
                Detail = detail,
            }));
            return db.SaveChangesAsync();
        });
}
