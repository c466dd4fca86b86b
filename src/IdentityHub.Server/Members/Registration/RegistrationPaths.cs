using IdentityHub.Server.SignIn;

namespace IdentityHub.Server.Members.Registration;

/// <summary>The registration pages' addresses (A15), and the link to the first one with the way back to the portal.</summary>
public static class RegistrationPaths
{
    public const string Start = "/account/register";
    public const string SignIn = "/account/register/sign-in";
    public const string Email = "/account/register/email";

    /// <summary>The first page, carrying <paramref name="returnUrl"/> (an authorization request) when it is local.</summary>
    public static string StartWith(string? returnUrl) =>
        ReturnUrls.IsLocal(returnUrl) ? $"{Start}?returnUrl={Uri.EscapeDataString(returnUrl!)}" : Start;
}
