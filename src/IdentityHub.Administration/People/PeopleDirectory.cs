using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Administration.People;

/// <summary>
/// The people of an organization, for its administrators and the plan's staff (D3, D6): listed, found, and
/// moved between general user, backup and primary administrator under the staffing rule. Someone in
/// another organization is "not found".
/// </summary>
public sealed class PeopleDirectory(IdentityHubDbContext db, AdminAudit audit, TimeProvider time)
{
    public async Task<Page<PersonView>> ListAsync(AdminCaller caller, PeopleQuery query, CancellationToken cancellationToken = default)
    {
        var organizationId = caller.Role.IsPlatformStaff() ? query.OrganizationId : caller.OrganizationId;
        var people = db.Users.AsNoTracking().Where(u => organizationId == null || u.OrganizationId == organizationId);
        if (!caller.Role.IsPlatformStaff())
        {
            people = people.Where(u => u.OrganizationId != null);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SearchPatterns.Containing(query.Search);
            people = people.Where(u =>
                EF.Functions.Like(u.NormalizedUserName!, pattern, SearchPatterns.Escape) ||
                EF.Functions.Like(u.NormalizedEmail!, pattern, SearchPatterns.Escape) ||
                EF.Functions.Like((u.GivenName ?? "").ToUpper() + " " + (u.FamilyName ?? "").ToUpper(), pattern, SearchPatterns.Escape));
        }

        if (query.Role is { } role)
        {
            people = people.Where(u => u.AdministrativeRole == role);
        }

        var size = Math.Clamp(query.PageSize, 1, PeopleQuery.MaxPageSize);
        var number = Math.Max(query.Page, 1);
        var total = await people.CountAsync(cancellationToken);
        var page = await Ordered(people, query.Order).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return new Page<PersonView>([.. page.Select(u => PersonView.Of(u, now))], total, number, size);
    }

    /// <summary>The order asked for, then the id, so that pages never overlap.</summary>
    private static IQueryable<IdentityHubUser> Ordered(IQueryable<IdentityHubUser> people, PeopleOrder order) => order switch
    {
        PeopleOrder.NameDescending => people.OrderByDescending(u => u.FamilyName).ThenByDescending(u => u.GivenName).ThenBy(u => u.Id),
        PeopleOrder.LastSignIn => people.OrderBy(u => u.LastSignInAt == null).ThenByDescending(u => u.LastSignInAt).ThenBy(u => u.Id),
        PeopleOrder.LeastRecentSignIn => people.OrderBy(u => u.LastSignInAt == null).ThenBy(u => u.LastSignInAt).ThenBy(u => u.Id),
        _ => people.OrderBy(u => u.FamilyName).ThenBy(u => u.GivenName).ThenBy(u => u.Id),
    };

    public async Task<PersonView?> FindAsync(AdminCaller caller, string id, CancellationToken cancellationToken = default)
    {
        var person = await VisibleAsync(caller, id, tracked: false, cancellationToken);
        return person is null ? null : PersonView.Of(person, time.GetUtcNow());
    }

    /// <summary>The person with their account's standing (turned off, locked until when); null when the caller may not see them.</summary>
    public async Task<PersonStanding?> FindStandingAsync(AdminCaller caller, string id, CancellationToken cancellationToken = default)
    {
        var person = await VisibleAsync(caller, id, tracked: false, cancellationToken);
        return person is null ? null : PersonStanding.Of(person, time.GetUtcNow());
    }

    /// <summary>
    /// Makes a person a general user, a backup or the primary administrator of their organization. Refused
    /// when the organization would be left without its one primary administrator; done with a warning when it
    /// would have no backup.
    /// </summary>
    public async Task<AdminResult<PersonView>> ChangeRoleAsync(AdminCaller caller, string id, string? version, AdministrativeRole role, CancellationToken cancellationToken = default)
    {
        var person = await VisibleAsync(caller, id, tracked: true, cancellationToken);
        if (person is null || person.OrganizationId is null)
        {
            return new AdminResult<PersonView>.NotFound();
        }

        if (caller.Role == AdministrativeRole.HelpDesk)
        {
            return new AdminResult<PersonView>.Forbidden("The help desk does not change roles; a platform administrator or the organization's administrator does.");
        }

        if (version != person.ConcurrencyStamp)
        {
            return new AdminResult<PersonView>.Stale(person.ConcurrencyStamp ?? "");
        }

        if (!role.BelongsToAnOrganization())
        {
            return new AdminResult<PersonView>.Invalid(new Dictionary<string, string[]> { ["role"] = ["Choose general user, backup administrator or primary administrator."] });
        }

        var others = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == person.OrganizationId && u.Id != person.Id && u.DisabledByAdministratorAt == null)
            .Select(u => u.AdministrativeRole)
            .ToListAsync(cancellationToken);
        var staffing = Staffing.Of([.. others, role]);
        if (staffing.Refusal is { } refusal)
        {
            return new AdminResult<PersonView>.Invalid(new Dictionary<string, string[]> { ["role"] = [refusal] });
        }

        var from = person.AdministrativeRole;
        person.AdministrativeRole = role;
        person.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var reference = audit.Add(caller, "person.role_changed", person.Id, person.OrganizationId, $"{from} to {role}");
        return await VersionedChanges.SaveAsync(
            db,
            () => new AdminResult<PersonView>.Done(PersonView.Of(person, time.GetUtcNow()), staffing.Warning, reference),
            token => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.ConcurrencyStamp).FirstOrDefaultAsync(token),
            cancellationToken);
    }

    private async Task<IdentityHubUser?> VisibleAsync(AdminCaller caller, string id, bool tracked, CancellationToken cancellationToken)
    {
        var users = tracked ? db.Users : db.Users.AsNoTracking();
        var person = await users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return person is not null && caller.CanSeePersonOf(person.OrganizationId)
            ? person
            : null;
    }
}
