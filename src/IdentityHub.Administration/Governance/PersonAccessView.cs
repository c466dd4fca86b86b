namespace IdentityHub.Administration.Governance;

/// <summary>
/// One person's access (D4, D7): the profiles they hold, those an administrator may give them (their
/// organization's), and their re-certification.
/// </summary>
public sealed record PersonAccessView(string UserId, string? OrganizationId, IReadOnlyList<ProfileView> Held, IReadOnlyList<ProfileView> Assignable, ReviewView? Review);

/// <summary>The profiles a person is to hold, replacing what they hold now.</summary>
public sealed record ProfileAssignment(IReadOnlyList<string>? ProfileIds);
