using IdentityHub.Administration.Invitations;
using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Administration.Organizations;

/// <summary>
/// An organization's offices (D1), which invitations and people name. The plan's staff see every
/// organization's offices and its administrators their own (another organization is "not found"); the
/// platform administrators and the organization's primary and backup administrators add, change and remove
/// them; the help desk only reads. An office that people or pending invitations still name is not removed.
/// </summary>
public sealed class LocationDirectory(IdentityHubDbContext db, AdminAudit audit, IOptionsMonitor<InvitationOptions> invitations, TimeProvider time)
{
    private const string ReadOnly = "The help desk sees an organization's offices but does not change them.";

    /// <summary>The organization's offices by name, or "not found" when the caller may not see it.</summary>
    public async Task<AdminResult<IReadOnlyList<LocationView>>> ListAsync(AdminCaller caller, string organizationId, CancellationToken cancellationToken = default)
    {
        if (!await VisibleAsync(caller, organizationId, cancellationToken))
        {
            return new AdminResult<IReadOnlyList<LocationView>>.NotFound();
        }

        var locations = await db.OrganizationLocations.AsNoTracking()
            .Where(l => l.OrganizationId == organizationId)
            .OrderBy(l => l.Name).ThenBy(l => l.Id)
            .ToListAsync(cancellationToken);
        return new AdminResult<IReadOnlyList<LocationView>>.Done([.. locations.Select(LocationView.Of)]);
    }

    public async Task<LocationView?> FindAsync(AdminCaller caller, string organizationId, string locationId, CancellationToken cancellationToken = default)
    {
        var location = await FindAsync(caller, organizationId, locationId, tracked: false, cancellationToken);
        return location is null ? null : LocationView.Of(location);
    }

    public async Task<AdminResult<LocationView>> AddAsync(AdminCaller caller, string organizationId, LocationInput input, CancellationToken cancellationToken = default)
    {
        if (!await VisibleAsync(caller, organizationId, cancellationToken))
        {
            return new AdminResult<LocationView>.NotFound();
        }

        if (!MayChange(caller))
        {
            return new AdminResult<LocationView>.Forbidden(ReadOnly);
        }

        var (value, problems) = LocationInputs.Check(input);
        if (value is null)
        {
            return new AdminResult<LocationView>.Invalid(problems.ToDictionary());
        }

        var location = new OrganizationLocation { OrganizationId = organizationId, Name = value.Name, Address = value.Address, Phone = value.Phone };
        db.OrganizationLocations.Add(location);
        var reference = audit.Add(caller, "location.added", subjectUserId: null, organizationId, location.Name);
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<LocationView>.Done(LocationView.Of(location), Reference: reference);
    }

    /// <summary>Changes an office's details, if nobody changed it since <paramref name="version"/> was read.</summary>
    public async Task<AdminResult<LocationView>> ChangeAsync(AdminCaller caller, string organizationId, string locationId, string? version, LocationInput input, CancellationToken cancellationToken = default)
    {
        var location = await FindAsync(caller, organizationId, locationId, tracked: true, cancellationToken);
        if (location is null)
        {
            return new AdminResult<LocationView>.NotFound();
        }

        if (!MayChange(caller))
        {
            return new AdminResult<LocationView>.Forbidden(ReadOnly);
        }

        if (version != location.ConcurrencyStamp)
        {
            return new AdminResult<LocationView>.Stale(location.ConcurrencyStamp);
        }

        var (value, problems) = LocationInputs.Check(input);
        if (value is null)
        {
            return new AdminResult<LocationView>.Invalid(problems.ToDictionary());
        }

        var before = location.Name;
        (location.Name, location.Address, location.Phone) = (value.Name, value.Address, value.Phone);
        location.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var reference = audit.Add(caller, "location.changed", subjectUserId: null, organizationId, before == value.Name ? value.Name : $"{before} → {value.Name}");
        return await VersionedChanges.SaveAsync(db, () => new AdminResult<LocationView>.Done(LocationView.Of(location), Reference: reference), CurrentVersion(locationId), cancellationToken);
    }

    /// <summary>
    /// Removes an office nobody works at and no pending invitation names, if nobody changed it since
    /// <paramref name="version"/> was read. Invitations that can no longer be answered forget it.
    /// </summary>
    public async Task<AdminResult<LocationView>> RemoveAsync(AdminCaller caller, string organizationId, string locationId, string? version, CancellationToken cancellationToken = default)
    {
        var location = await FindAsync(caller, organizationId, locationId, tracked: true, cancellationToken);
        if (location is null)
        {
            return new AdminResult<LocationView>.NotFound();
        }

        if (!MayChange(caller))
        {
            return new AdminResult<LocationView>.Forbidden(ReadOnly);
        }

        if (version != location.ConcurrencyStamp)
        {
            return new AdminResult<LocationView>.Stale(location.ConcurrencyStamp);
        }

        var people = await db.Users.CountAsync(u => u.LocationId == locationId, cancellationToken);
        var listedSince = time.GetUtcNow() - invitations.CurrentValue.ListedFor;
        var naming = await db.Invitations.Where(i => i.LocationId == locationId).ToListAsync(cancellationToken);
        var pending = naming.Count(i => i.AcceptedAt == null && i.CancelledAt == null && i.LastSentAt > listedSince);
        if (people > 0 || pending > 0)
        {
            return new AdminResult<LocationView>.Invalid(new Dictionary<string, string[]>
            {
                ["location"] = [InUse(people, pending)],
            });
        }

        // Accepted, cancelled and dropped-off invitations are history: they forget the office rather than keep it.
        naming.ForEach(i => i.LocationId = null);
        db.OrganizationLocations.Remove(location);
        var reference = audit.Add(caller, "location.removed", subjectUserId: null, organizationId, location.Name);
        return await VersionedChanges.SaveAsync(db, () => new AdminResult<LocationView>.Done(LocationView.Of(location), Reference: reference), CurrentVersion(locationId), cancellationToken);
    }

    private static string InUse(int people, int pending)
    {
        var parts = new List<string>();
        if (people > 0)
        {
            parts.Add(people == 1 ? "1 person works there" : $"{people} people work there");
        }

        if (pending > 0)
        {
            parts.Add(pending == 1 ? "1 pending invitation names it" : $"{pending} pending invitations name it");
        }

        var advice = (people > 0, pending > 0) switch
        {
            (true, true) => "Move the people to another office and cancel or change the invitations first.",
            (true, false) => "Move the people to another office first.",
            _ => "Cancel the invitations, or invite again with another office, first.",
        };
        return $"This office cannot be removed while {string.Join(" and ", parts)}. {advice}";
    }

    /// <summary>The platform administrators and the organization's own administrators; the help desk only reads.</summary>
    public static bool MayChange(AdminCaller caller) => caller.IsPlatformAdministrator || caller.Role.AdministersOrganization();

    private async Task<bool> VisibleAsync(AdminCaller caller, string organizationId, CancellationToken cancellationToken) =>
        caller.CanSee(organizationId) && await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken);

    private Task<OrganizationLocation?> FindAsync(AdminCaller caller, string organizationId, string locationId, bool tracked, CancellationToken cancellationToken)
    {
        if (!caller.CanSee(organizationId))
        {
            return Task.FromResult<OrganizationLocation?>(null);
        }

        var locations = tracked ? db.OrganizationLocations : db.OrganizationLocations.AsNoTracking();
        return locations.FirstOrDefaultAsync(l => l.Id == locationId && l.OrganizationId == organizationId, cancellationToken);
    }

    private Func<CancellationToken, Task<string?>> CurrentVersion(string locationId) =>
        token => db.OrganizationLocations.AsNoTracking().Where(l => l.Id == locationId).Select(l => l.ConcurrencyStamp).FirstOrDefaultAsync(token);
}
