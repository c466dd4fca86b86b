using IdentityHub.Server.Mfa;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Members.Registration;

/// <summary>
/// <c>prompt=create</c> (OpenID Connect Prompt Create 1.0) at the authorization endpoint: the portal asks that the
/// person create an account rather than sign in. At a portal that lets members sign up (A15) the person goes to the
/// registration pages, whether or not someone is signed in on this browser (the portal said a new account is wanted);
/// the way back is the same request without <c>create</c> (and without <c>login</c> or <c>select_account</c>: creating
/// the account signs in with it). A portal that does not allow it gets a normal sign-in. <c>prompt=none create</c>
/// never reaches this point (<see cref="Connect.PromptNoneAlone"/> refuses it).
/// </summary>
internal static class PromptCreate
{
    public static IResult? Redirect(IReadOnlyList<string> prompts, ClientPolicy policy, Func<string[]?, string[]?, string> back) =>
        prompts.Contains(PromptValues.Create) && policy.Settings.AllowSelfRegistration
            ? Results.Redirect(RegistrationPaths.StartWith(back(null, [PromptValues.Create, PromptValues.Login, PromptValues.SelectAccount])))
            : null;
}
