using IdentityHub.Server.Governance;

namespace IdentityHub.Server.Pages.Shared;

/// <summary>Whom the person asks (the model of <c>_AskAdministrators</c>).</summary>
public sealed record AskAdministrators(string? OrganizationName, IReadOnlyList<AdministratorContact> Administrators);
