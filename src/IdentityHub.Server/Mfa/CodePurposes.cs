namespace IdentityHub.Server.Mfa;

/// <summary>What a one-time code was issued for; a code only works for its own purpose (M3).</summary>
public static class CodePurposes
{
    public const string SignIn = "sign-in";
    public const string Enrollment = "enrollment";
}
