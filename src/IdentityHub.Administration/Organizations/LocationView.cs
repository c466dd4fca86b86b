using IdentityHub.Data.Organizations;

namespace IdentityHub.Administration.Organizations;

/// <summary>An office as administrators see it; <see cref="Version"/> is what a change or removal must name (the API's ETag).</summary>
public sealed record LocationView(string Id, string OrganizationId, string Name, PostalAddress Address, string? Phone, string Version)
{
    public static LocationView Of(OrganizationLocation location) =>
        new(location.Id, location.OrganizationId, location.Name, location.Address, location.Phone, location.ConcurrencyStamp);
}
