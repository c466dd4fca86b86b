namespace IdentityHub.Server.Pages.Account;

/// <summary>Where a person lands after accepting an invitation: the portal it names (its <c>ClientUri</c>), else the account page.</summary>
public static class PortalLanding
{
    public const string Path = "/account/portal";

    /// <summary>The local address the sign-in flow returns to (the flow follows only local addresses).</summary>
    public static string PathFor(string? clientId) => clientId is null ? Path : $"{Path}?client={Uri.EscapeDataString(clientId)}";
}
