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
        var clientId = ReturnUrls.AuthorizationParameter(ReturnUrl, "client_id");
        var application = clientId is null || !ReturnUrls.IsLocal(ReturnUrl) ? null : await applications.FindByClientIdAsync(clientId);
        if (application is null)
        {
            return BadRequest(text["Consent.NotFromSignIn"].Value);
        }

        var session = await SignedInSession.ReadAsync(HttpContext);
        if (session is null)
        {
            return LocalRedirect(ReturnUrl!);
        }

        PortalName = await applications.GetLocalizedDisplayNameAsync(application) ?? clientId!;
        var (organization, administrators) = await contacts.ForAsync(session.UserId, HttpContext.RequestAborted);
        Ask = new AskAdministrators(organization, administrators);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://local"), ReturnUrl).Query);
        BackUrl = ReturnUrl!.Split('?')[0];
        BackParameters = [.. query.SelectMany(pair => pair.Value.Select(value => (pair.Key, value ?? ""))), (GovernanceClaims.NoProfileParameter, "none")];
        return Page();
    }
}
