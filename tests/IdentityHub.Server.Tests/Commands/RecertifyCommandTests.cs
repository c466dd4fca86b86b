using IdentityHub.Server.Commands;
using IdentityHub.Server.Tests.Governance;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Commands;

/// <summary><c>recertify</c> runs the re-certification job now and says what it did (D7).</summary>
public sealed class RecertifyCommandTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task It_suspends_access_past_its_deadline_and_says_so_and_a_second_run_does_nothing_more()
    {
        var user = await app.CreateUserAsync(NewName("recertify"));
        await ProfileWorld.GiveAsync(app, user, await ProfileWorld.ProfileAsync(app, "Claims"));
        app.Clock.Advance(TimeSpan.FromDays(91));
        var output = new StringWriter();

        Assert.Equal(0, await RecertifyCommand.RunAsync(app.Services, output));
        Assert.Equal(0, await RecertifyCommand.RunAsync(app.Services, output));

        Assert.Equal(
            "Re-certification: 0 person(s) due soon, 0 reminder email(s) sent to administrators, 1 person(s) suspended." + Environment.NewLine +
            "Re-certification: 0 person(s) due soon, 0 reminder email(s) sent to administrators, 0 person(s) suspended." + Environment.NewLine,
            output.ToString());
        Assert.NotNull(await ProfileWorld.InScopeAsync(app, db => db.AccessReviews.Where(r => r.UserId == user.Id).Select(r => r.SuspendedAt).SingleAsync()));
    }
}
