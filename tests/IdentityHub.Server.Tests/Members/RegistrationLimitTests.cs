using System.Net;
using IdentityHub.Core.Members;
using IdentityHub.Server.Members;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityHub.Server.Tests.Members;

/// <summary>
/// The limits on membership proofs (A15): per network address and per member id from anywhere, both answered with the
/// same "too many tries" page until their window ends; a roster that cannot answer does not use up a try.
/// </summary>
public sealed class RegistrationLimitTests
{
    private const int PerAddress = 3;
    private const int PerMember = 2;

    [Fact]
    public async Task Proofs_from_one_network_are_limited_until_the_window_ends()
    {
        await using var app = await StartAsync();
        var browser = app.NewMemberBrowser();
        var registerUrl = await browser.RegisterUrlAsync();
        for (var i = 0; i < PerAddress; i++)
        {
            var member = await app.SeedMemberAsync();
            var refused = await browser.ProveAsync(registerUrl, Wrong(member));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        var limited = await browser.ProveAsync(registerUrl, Wrong(await app.SeedMemberAsync()));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);

        app.Clock.Advance(TimeSpan.FromHours(1));
        var again = await browser.ProveAsync(registerUrl, Wrong(await app.SeedMemberAsync()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Proofs_for_one_member_id_are_limited_from_every_network_for_a_day()
    {
        await using var app = await StartAsync();
        var member = await app.SeedMemberAsync();
        for (var i = 0; i < PerMember; i++)
        {
            var browser = app.NewMemberBrowser();
            Assert.Equal(HttpStatusCode.OK, (await browser.ProveAsync(await browser.RegisterUrlAsync(), Wrong(member))).StatusCode);
        }

        // Another network, another spelling of the same member id: still the same member.
        var stranger = app.NewMemberBrowser();
        var proof = member.Proof();
        proof["MemberId"] = " " + member.MemberId.ToLowerInvariant() + " ";
        var limited = await stranger.ProveAsync(await stranger.RegisterUrlAsync(), proof);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(1));
        var later = app.NewMemberBrowser();
        var proved = await later.ProveAsync(await later.RegisterUrlAsync(), member.Proof());
        Assert.True(Browser.IsRedirectTo(proved, Server.Members.Registration.RegistrationPaths.SignIn), MfaSteps.Describe(proved));
    }

    [Fact]
    public async Task A_roster_that_cannot_answer_says_try_later_and_uses_up_no_try()
    {
        await using var app = await StartAsync(unavailable: true);
        var browser = app.NewMemberBrowser();
        var registerUrl = await browser.RegisterUrlAsync();
        var member = await app.SeedMemberAsync();

        for (var i = 0; i < PerAddress + PerMember; i++)
        {
            var response = await browser.ProveAsync(registerUrl, member.Proof());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(Words.English<MemberText>("MemberProof.Unavailable"), Account.PageText.MainText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Wrong(TestMember member)
    {
        var proof = member.Proof();
        proof["ZipCode"] = "99999";
        return proof;
    }

    private static async Task<IdentityHubApp> StartAsync(bool unavailable = false)
    {
        var app = new IdentityHubApp()
            .With(RegistrationSteps.AllowKey, "true")
            .With("IdentityHub:RateLimits:MemberProofPerAddress:Limit", PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("IdentityHub:RateLimits:MemberProofPerMember:Limit", PerMember.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (unavailable)
        {
            app.WithServices(services =>
            {
                services.RemoveAll<IMemberRoster>();
                services.AddScoped<IMemberRoster, UnavailableRoster>();
            });
        }

        await app.InitializeAsync();
        return app;
    }

    /// <summary>An eligibility system that is down.</summary>
    private sealed class UnavailableRoster : IMemberRoster
    {
        public string Kind => RosterKinds.Webhook;

        public Task<RosterAnswer> CheckAsync(MemberProof proof, CancellationToken cancellationToken = default) =>
            Task.FromResult<RosterAnswer>(new RosterAnswer.Unavailable("the test's roster is down"));
    }
}
