namespace IdentityHub.Core.Organizations;

/// <summary>
/// Who administers an organization after a change (D3): a change that leaves it without its primary
/// administrator, or with two, is refused; one that leaves it without a backup goes through with a warning,
/// shown in the API's answer and the console.
/// </summary>
public sealed record Staffing(int Primaries, int Backups)
{
    public static Staffing Of(IEnumerable<AdministrativeRole> roles)
    {
        var list = roles.ToList();
        return new Staffing(list.Count(role => role == AdministrativeRole.PrimaryAdministrator), list.Count(role => role == AdministrativeRole.BackupAdministrator));
    }

    /// <summary>Why the change cannot be made, or null.</summary>
    public string? Refusal => Primaries switch
    {
        0 => "An organization must keep its primary administrator. Name another primary administrator first.",
        > 1 => "An organization has one primary administrator. Make the current one a backup administrator first.",
        _ => null,
    };

    /// <summary>What to tell the administrator when the change goes through, or null.</summary>
    public string? Warning => Refusal is null && Backups == 0
        ? "This organization has no backup administrator. Name one, so that someone can help if the primary administrator is locked out."
        : null;
}
