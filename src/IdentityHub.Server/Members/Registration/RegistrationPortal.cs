using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.SignIn;

namespace IdentityHub.Server.Members.Registration;

/// <summary>The portal a registration is for, whether it lets members sign up, and where the new member lands.</summary>
public sealed record RegistrationPortal(string? ClientId, bool Allowed, string Destination)
{
    /// <summary>
    /// The portal of the return URL (the authorization request the person came from), else the portal this browser's
    /// sign-in started at (<see cref="ICurrentPortal"/>): only one whose <c>AllowSelfRegistration</c> is on may be used
    /// to sign up (A15). The new member lands back in the authorization request, else on the portal's home page.
    /// </summary>
    public static async Task<RegistrationPortal> OfAsync(string? returnUrl, ICurrentPortal current, ClientPolicies policies, CancellationToken cancellationToken)
    {
        var clientId = ClientPolicies.ClientIdFrom(returnUrl) ?? current.ClientId;
        var policy = await policies.ForAsync(clientId, cancellationToken);
        var destination = ReturnUrls.IsRequestTo(returnUrl, ReturnUrls.AuthorizationPath) ? returnUrl! : Pages.Account.PortalLanding.PathFor(policy.ClientId);
        return new RegistrationPortal(policy.ClientId, policy.ClientId is not null && policy.Settings.AllowSelfRegistration, destination);
    }
}
