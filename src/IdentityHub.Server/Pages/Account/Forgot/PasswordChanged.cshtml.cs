using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Server.Pages.Account.Forgot;

/// <summary>Forgot password, done.</summary>
public sealed class PasswordChangedModel : PageModel
{
    public const string Path = "/account/forgot-password/done";
}
