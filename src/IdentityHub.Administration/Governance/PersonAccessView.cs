namespace IdentityHub.Administration.Governance;

/// <summary>
/// One person's access (D4, D7): the profiles they hold, those an administrator may give them (their
/// organization's), and their re-certification.
/// </summary>
public sealed record PersonAccessView(string UserId, string? OrganizationId, IReadOnlyList<ProfileView> Held, IReadOnlyList<ProfileView> Assignable, ReviewView? Review)
{
    /// <summary>The version of the set of profiles held (the API's ETag): a change names it, so two administrators do not overwrite each other.</summary>
    public string Version => Of(Held.Select(profile => profile.Id));

    /// <summary>The version of holding no profile.</summary>
    public static string NothingHeld { get; } = Of([]);

    public static string Of(IEnumerable<string> profileIds) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join(',', profileIds.Order(StringComparer.Ordinal)))))[..32];
}

/// <summary>The profiles a person is to hold, replacing what they hold now.</summary>
public sealed record ProfileAssignment(IReadOnlyList<string>? ProfileIds);
