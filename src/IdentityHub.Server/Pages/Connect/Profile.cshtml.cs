using IdentityHub.Server.Governance;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Pages.Connect;

/// <summary>
/// Choosing the security profile to use in a portal (D4, A13), after the second factor, when the person holds
/// several; again to switch (<c>prompt=select_account</c>). The choice is kept for the session; the
/// authorization request, which OpenIddict validates again, then issues tokens with it.
/// </summary>
public sealed class ProfileModel(
    IOpenIddictApplicationManager applications,
    PortalProfiles portalProfiles,
    IStringLocalizer<SignInText> signInText,
    IStringLocalizer<OrganizationText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? ProfileId { get; set; }

    public string PortalName { get; private set; } = "";

    public IReadOnlyList<PortalProfile> Profiles { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public string FirstId => Profiles.Count > 0 ? Profiles[0].Id : "";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } leave)
        {
            return leave;
        }

        if (Profiles.FirstOrDefault(p => p.Id == ProfileId) is not { } chosen)
        {
            ErrorMessage = text["Access.Choose.Required"];
            return Page();
        }

        var session = (await SignedInSession.ReadAsync(HttpContext))!;
        await portalProfiles.ChooseAsync(session.SessionId, ReturnUrls.AuthorizationParameter(ReturnUrl, "client_id")!, chosen.Id, HttpContext.RequestAborted);
        return LocalRedirect(ReturnUrl!);
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await PortalRequest.ReadAsync(HttpContext, ReturnUrl, applications) is not { } portal)
        {
            return BadRequest(signInText["Consent.NotFromSignIn"].Value);
        }

        if (portal.Session is not { } session)
        {
            return LocalRedirect(ReturnUrl!);
        }

        PortalName = portal.PortalName;
        Profiles = [.. (await portalProfiles.ForAsync(session.UserId, portal.ClientId, session.SessionId, HttpContext.RequestAborted)).Where(p => p.Held)];
        // Nothing to choose (a profile was just removed, or only one is left): the authorization request decides.
        return Profiles.Count < 2 ? LocalRedirect(ReturnUrl!) : null;
    }
}
