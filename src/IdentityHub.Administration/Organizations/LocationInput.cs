using IdentityHub.Data.Organizations;

namespace IdentityHub.Administration.Organizations;

/// <summary>An office of an organization as an administrator enters it (D1): a name, its address and, if it has one, its phone.</summary>
public sealed record LocationInput(string? Name, AddressInput? Address, string? Phone);

/// <summary>Checks a <see cref="LocationInput"/> with the organization's own address and phone rules, naming each field's mistake.</summary>
public static class LocationInputs
{
    public static (Checked? Value, FieldProblems Problems) Check(LocationInput input)
    {
        var problems = new FieldProblems();
        var name = problems.Text("name", input.Name, "office's name", 200);
        var address = OrganizationInputs.CheckAddress(problems, "address", input.Address);
        var phone = OrganizationInputs.Phone(problems, "phone", input.Phone, "phone number", required: false);
        return problems.Any ? (null, problems) : (new Checked(name, address!, phone), problems);
    }

    /// <summary>A checked input, ready to store.</summary>
    public sealed record Checked(string Name, PostalAddress Address, string? Phone);
}
