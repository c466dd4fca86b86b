using IdentityHub.Administration.Organizations;

namespace IdentityHub.Admin.Pages.Organizations.Locations;

/// <summary>The office form's fields, named as the service names its problems (address.city → Input.Address.City).</summary>
public sealed class LocationForm
{
    public string? Name { get; set; }

    public AddressForm Address { get; set; } = new();

    public string? Phone { get; set; }

    public LocationInput ToInput() =>
        new(Name, new AddressInput(Address.Line1, Address.Line2, Address.City, Address.State, Address.PostalCode), Phone);

    public static LocationForm From(LocationView location) => new()
    {
        Name = location.Name,
        Address = new AddressForm
        {
            Line1 = location.Address.Line1,
            Line2 = location.Address.Line2,
            City = location.Address.City,
            State = location.Address.State,
            PostalCode = location.Address.PostalCode,
        },
        Phone = location.Phone,
    };
}
