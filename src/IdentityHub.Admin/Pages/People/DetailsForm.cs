using IdentityHub.Administration.People;

namespace IdentityHub.Admin.Pages.People;

/// <summary>The "Change name and office" form's fields, named as the service names its problems (givenName → Input.GivenName).</summary>
public sealed class DetailsForm
{
    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? LocationId { get; set; }

    public PersonDetailsInput ToInput() => new(GivenName, FamilyName, string.IsNullOrEmpty(LocationId) ? null : LocationId);
}
