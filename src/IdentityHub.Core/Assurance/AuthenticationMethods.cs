namespace IdentityHub.Core.Assurance;

/// <summary>Values of the <c>amr</c> claim (RFC 8176) that IdentityHub emits.</summary>
public static class AuthenticationMethods
{
    public const string Password = "pwd";
}
