using IdentityHub.Administration.Organizations;

namespace IdentityHub.Admin.Pages.Organizations;

/// <summary>The organization form's fields, named as the service names its problems (taxId → Input.TaxId).</summary>
public sealed class OrganizationForm
{
    public string? Name { get; set; }

    public string? TaxId { get; set; }

    public string? TaxIdConfirmation { get; set; }

    public AddressForm Address { get; set; } = new();

    public string? Phone { get; set; }

    public string? Fax { get; set; }

    public OrganizationInput ToInput() =>
        new(Name, TaxId, TaxIdConfirmation, new AddressInput(Address.Line1, Address.Line2, Address.City, Address.State, Address.PostalCode), Phone, Fax);

    public static OrganizationForm From(OrganizationView organization) => new()
    {
        Name = organization.Name,
        TaxId = organization.TaxId,
        TaxIdConfirmation = organization.TaxId,
        Address = new AddressForm
        {
            Line1 = organization.Address.Line1,
            Line2 = organization.Address.Line2,
            City = organization.Address.City,
            State = organization.Address.State,
            PostalCode = organization.Address.PostalCode,
        },
        Phone = organization.Phone,
        Fax = organization.Fax,
    };
}

public sealed class AddressForm
{
    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? PostalCode { get; set; }
}
