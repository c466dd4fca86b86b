using IdentityHub.Data.Organizations;

namespace IdentityHub.Administration.Organizations;

/// <summary>An organization as administrators see it; <see cref="Version"/> is what a change must name (the API's ETag).</summary>
public sealed record OrganizationView(
    string Id,
    string Name,
    string TaxId,
    PostalAddress Address,
    string? Phone,
    string? Fax,
    OrganizationStatus Status,
    DateTimeOffset CreatedAt,
    string Version)
{
    public static OrganizationView Of(Organization organization) => new(
        organization.Id, organization.Name, organization.TaxId, organization.Address, organization.Phone, organization.Fax,
        organization.Status, organization.CreatedAt, organization.ConcurrencyStamp);
}

/// <summary>A list request: a name or Tax ID to look for, the status, the order, and the page.</summary>
public sealed record OrganizationQuery(string? Search = null, OrganizationStatus? Status = null, OrganizationOrder Order = OrganizationOrder.Name, int Page = 1, int PageSize = 25)
{
    public const int MaxPageSize = 100;
}

public enum OrganizationOrder
{
    Name,
    NameDescending,
    Newest,
    Oldest,
}
