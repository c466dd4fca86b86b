namespace IdentityHub.Core.Organizations;

/// <summary>
/// The scope (and audience) of access tokens for the admin API: the token server always registers it, the
/// admin host accepts no other. A client is allowed it like any API scope (<c>Clients:N:Scopes</c>).
/// </summary>
public static class AdministrationScope
{
    public const string Name = "identityhub.admin";

    public const string DisplayName = "IdentityHub administration";
}
