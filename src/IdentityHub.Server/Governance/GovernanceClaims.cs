namespace IdentityHub.Server.Governance;

/// <summary>The claims a chosen security profile adds to the ID and access tokens (D4; docs/clients.md).</summary>
public static class GovernanceClaims
{
    /// <summary>The chosen profile's id, stable across renames; the <c>role</c> claim carries its role name.</summary>
    public const string Profile = "identityhub_profile";

    /// <summary>Set on the return to the authorization request when the person has no profile for the portal and goes back to it.</summary>
    public const string NoProfileParameter = "ih_profile";
}
