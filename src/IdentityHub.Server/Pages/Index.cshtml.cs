using IdentityHub.Data.Users;
using IdentityHub.Server.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Server.Pages;

public sealed class IndexModel(UserManager<IdentityHubUser> users) : PageModel
{
    public string? Name { get; private set; }

    public async Task OnGetAsync()
    {
        if (await SignedInSession.ReadAsync(HttpContext) is { } session && await users.FindByIdAsync(session.UserId) is { } user)
        {
            Name = user.DisplayName;
        }
    }
}
