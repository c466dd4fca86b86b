using IdentityHub.Server.Governance;
using IdentityHub.Server.Pages.Shared;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Pages.Connect;

/// <summary>
/// A signed-in person holds no security profile for the portal (D4): the page says so and names their
/// organization's administrators; going back tells the portal <c>access_denied</c>.
/// </summary>
public sealed class NoAccessModel(IOpenIddictApplicationManager applications, OrganizationContacts contacts, IStringLocalizer<SignInText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string PortalName { get; private set; } = "";

    public AskAdministrators Ask { get; private set; } = new(null, []);

    /// <summary>The authorization request's address and parameters, plus the marker that makes it answer access_denied.</summary>
    public string BackUrl { get; private set; } = "";

    public IReadOnlyList<(string Name, string Value)> BackParameters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await PortalRequest.ReadAsync(HttpContext, ReturnUrl, applications) is not { } portal)
        {
            return BadRequest(text["Consent.NotFromSignIn"].Value);
        }

        if (portal.Session is not { } session)
        {
            return LocalRedirect(ReturnUrl!);
        }

        PortalName = portal.PortalName;
        var (organization, administrators) = await contacts.ForAsync(session.UserId, HttpContext.RequestAborted);
        Ask = new AskAdministrators(organization, administrators);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://local"), ReturnUrl).Query);
        BackUrl = ReturnUrl!.Split('?')[0];
        BackParameters = [.. query.SelectMany(pair => pair.Value.Select(value => (pair.Key, value ?? ""))), (GovernanceClaims.NoProfileParameter, "none")];
        return Page();
    }
}
