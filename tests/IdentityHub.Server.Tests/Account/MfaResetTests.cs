using IdentityHub.Accounts;
using IdentityHub.Data.Users;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Account;

/// <summary>An administrator's MFA reset (D6), as the token server then sees the person: enrollment again at the next sign-in (M1).</summary>
public sealed class MfaResetTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task After_an_mfa_reset_the_person_enrolls_again_after_their_password()
    {
        var name = NewName("re-enroll");
        var user = await app.CreateUserAsync(name);
        Assert.True(Browser.IsRedirectTo(await app.NewBrowser().SubmitPasswordAsync(name), Challenge));

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
            await scope.ServiceProvider.GetRequiredService<MfaResets>().ResetAsync((await users.FindByIdAsync(user.Id))!);
        }

        var next = await app.NewBrowser().SubmitPasswordAsync(name);
        Assert.True(Browser.IsRedirectTo(next, "/account/mfa/enroll"), Describe(next));
    }
}
