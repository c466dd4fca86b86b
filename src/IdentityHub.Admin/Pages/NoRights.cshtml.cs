using IdentityHub.Admin.Console;

namespace IdentityHub.Admin.Pages;

/// <summary>All a signed-in person without administrative rights sees.</summary>
[WithoutAdministrativeRights]
public sealed class NoRightsModel : ConsolePage
{
    public void OnGet()
    {
    }
}
