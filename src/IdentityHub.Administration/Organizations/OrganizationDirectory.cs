using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Organizations;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Administration.Organizations;

/// <summary>
/// Organizations for administrators (D1): the plan's staff see and the platform administrators register
/// and change every organization; an organization's administrators see and change their own; anything
/// else is "not found", so an id says nothing about what exists.
/// </summary>
public sealed class OrganizationDirectory(IdentityHubDbContext db, AdminAudit audit, TimeProvider time)
{
    public async Task<Page<OrganizationView>> ListAsync(AdminCaller caller, OrganizationQuery query, CancellationToken cancellationToken = default)
    {
        var everyOrganization = caller.Role.IsPlatformStaff();
        var own = caller.OrganizationId;
        var visible = db.Organizations.AsNoTracking().Where(o => everyOrganization || o.Id == own);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            var pattern = SearchPatterns.Containing(search);
            visible = visible.Where(o => EF.Functions.Like(o.Name.ToUpper(), pattern, SearchPatterns.Escape) || o.TaxId == search);
        }

        if (query.Status is { } status)
        {
            visible = visible.Where(o => o.Status == status);
        }

        var ordered = query.Order switch
        {
            OrganizationOrder.NameDescending => visible.OrderByDescending(o => o.Name).ThenBy(o => o.Id),
            OrganizationOrder.Newest => visible.OrderByDescending(o => o.Id),
            OrganizationOrder.Oldest => visible.OrderBy(o => o.Id),
            _ => visible.OrderBy(o => o.Name).ThenBy(o => o.Id),
        };
        var size = Math.Clamp(query.PageSize, 1, OrganizationQuery.MaxPageSize);
        var number = Math.Max(query.Page, 1);
        var total = await visible.CountAsync(cancellationToken);
        var items = await ordered.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<OrganizationView>([.. items.Select(OrganizationView.Of)], total, number, size);
    }

    public async Task<OrganizationView?> FindAsync(AdminCaller caller, string id, CancellationToken cancellationToken = default)
    {
        var organization = await VisibleAsync(caller, id, tracked: false, cancellationToken);
        return organization is null ? null : OrganizationView.Of(organization);
    }

    /// <summary>Registers an organization (platform administrators only; an approved registration request does it too).</summary>
    public async Task<AdminResult<OrganizationView>> CreateAsync(AdminCaller caller, OrganizationInput input, CancellationToken cancellationToken = default)
    {
        if (!caller.IsPlatformAdministrator)
        {
            return new AdminResult<OrganizationView>.Forbidden("Only the plan's platform administrators register organizations.");
        }

        var (value, problems) = OrganizationInputs.Check(input);
        if (value is not null && await TaxIdTakenAsync(value.TaxId, exceptId: null, cancellationToken))
        {
            problems.Add("taxId", "An organization with this Tax ID is already registered.");
        }

        if (value is null || problems.Any)
        {
            return new AdminResult<OrganizationView>.Invalid(problems.ToDictionary());
        }

        var organization = Add(value);
        var reference = audit.Add(caller, "organization.created", subjectUserId: null, organization.Id, organization.Name);
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<OrganizationView>.Done(OrganizationView.Of(organization), Reference: reference);
    }

    /// <summary>Changes an organization's details, if nobody changed it since <paramref name="version"/> was read.</summary>
    public async Task<AdminResult<OrganizationView>> UpdateAsync(AdminCaller caller, string id, string? version, OrganizationInput input, CancellationToken cancellationToken = default)
    {
        var organization = await VisibleAsync(caller, id, tracked: true, cancellationToken);
        if (organization is null)
        {
            return new AdminResult<OrganizationView>.NotFound();
        }

        if (version != organization.ConcurrencyStamp)
        {
            return new AdminResult<OrganizationView>.Stale(organization.ConcurrencyStamp);
        }

        var (value, problems) = OrganizationInputs.Check(input);
        if (value is not null && value.TaxId != organization.TaxId && !caller.IsPlatformAdministrator)
        {
            problems.Add("taxId", "Only the plan's platform administrators change an organization's Tax ID.");
        }
        else if (value is not null && await TaxIdTakenAsync(value.TaxId, organization.Id, cancellationToken))
        {
            problems.Add("taxId", "An organization with this Tax ID is already registered.");
        }

        if (value is null || problems.Any)
        {
            return new AdminResult<OrganizationView>.Invalid(problems.ToDictionary());
        }

        (organization.Name, organization.TaxId, organization.Address, organization.Phone, organization.Fax) = (value.Name, value.TaxId, value.Address, value.Phone, value.Fax);
        organization.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var reference = audit.Add(caller, "organization.changed", subjectUserId: null, organization.Id, organization.Name);
        return await VersionedChanges.SaveAsync(
            db,
            () => new AdminResult<OrganizationView>.Done(OrganizationView.Of(organization), Reference: reference),
            token => db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.ConcurrencyStamp).FirstOrDefaultAsync(token),
            cancellationToken);
    }

    /// <summary>Adds a checked organization to the context without saving (an approved registration saves it with its invitations).</summary>
    internal Organization Add(OrganizationInputs.Checked value)
    {
        var organization = new Organization
        {
            Name = value.Name,
            TaxId = value.TaxId,
            Address = value.Address,
            Phone = value.Phone,
            Fax = value.Fax,
            CreatedAt = time.GetUtcNow(),
        };
        db.Organizations.Add(organization);
        return organization;
    }

    internal Task<bool> TaxIdTakenAsync(string taxId, CancellationToken cancellationToken) => TaxIdTakenAsync(taxId, exceptId: null, cancellationToken);

    private Task<Organization?> VisibleAsync(AdminCaller caller, string id, bool tracked, CancellationToken cancellationToken)
    {
        if (!caller.CanSee(id))
        {
            return Task.FromResult<Organization?>(null);
        }

        var organizations = tracked ? db.Organizations : db.Organizations.AsNoTracking();
        return organizations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }

    private Task<bool> TaxIdTakenAsync(string taxId, string? exceptId, CancellationToken cancellationToken) =>
        db.Organizations.AnyAsync(o => o.TaxId == taxId && o.Id != exceptId, cancellationToken);
}
