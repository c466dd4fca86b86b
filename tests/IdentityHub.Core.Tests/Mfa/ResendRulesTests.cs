using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Tests.Mfa;

public sealed class ResendRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly CodeSettings Settings = new() { MaxCodesPerHour = 5, ResendCooldown = TimeSpan.FromSeconds(30) };

    private static ResendCheck Check(params DateTimeOffset[] sends) => ResendRules.Check(sends, Now, Settings);

    [Fact]
    public void The_first_code_is_allowed()
    {
        Assert.Equal(new ResendCheck(ResendDecision.Allowed, TimeSpan.Zero), Check());
    }

    [Fact]
    public void A_new_code_waits_for_the_cooldown()
    {
        Assert.Equal(new ResendCheck(ResendDecision.CoolingDown, TimeSpan.FromSeconds(20)), Check(Now.AddSeconds(-10)));
        Assert.Equal(new ResendCheck(ResendDecision.CoolingDown, TimeSpan.FromSeconds(1)), Check(Now.AddSeconds(-29)));
    }

    [Fact]
    public void A_new_code_is_allowed_exactly_when_the_cooldown_ends()
    {
        Assert.Equal(new ResendCheck(ResendDecision.Allowed, TimeSpan.Zero), Check(Now.AddSeconds(-30)));
    }

    [Fact]
    public void The_cooldown_counts_from_the_latest_send_whatever_the_order()
    {
        Assert.Equal(TimeSpan.FromSeconds(25), Check(Now.AddSeconds(-5), Now.AddMinutes(-10)).RetryAfter);
    }

    [Fact]
    public void The_sixth_code_within_an_hour_is_refused_until_the_oldest_leaves_the_hour()
    {
        var sends = new[] { -50, -40, -30, -20, -10 }.Select(minutes => Now.AddMinutes(minutes)).ToArray();

        Assert.Equal(new ResendCheck(ResendDecision.HourlyCapReached, TimeSpan.FromMinutes(10)), Check(sends));
    }

    [Fact]
    public void The_hour_slides_a_send_exactly_an_hour_ago_no_longer_counts()
    {
        var sends = new[] { -60, -40, -30, -20, -10 }.Select(minutes => Now.AddMinutes(minutes)).ToArray();

        Assert.Equal(ResendDecision.Allowed, Check(sends).Decision);
        Assert.Equal(ResendDecision.HourlyCapReached, Check([.. sends, Now.AddMinutes(-5)]).Decision);
    }

    [Fact]
    public void Over_the_cap_the_wait_lasts_until_enough_sends_leave_the_hour()
    {
        // Seven sends (the cap was lowered since): two must leave before a sixth is allowed.
        var sends = new[] { -59, -55, -50, -40, -30, -20, -10 }.Select(minutes => Now.AddMinutes(minutes)).ToArray();

        Assert.Equal(new ResendCheck(ResendDecision.HourlyCapReached, TimeSpan.FromMinutes(10)), Check(sends));
    }

    [Fact]
    public void At_the_cap_the_wait_is_never_shorter_than_the_cooldown()
    {
        var settings = new CodeSettings { MaxCodesPerHour = 1, ResendCooldown = TimeSpan.FromMinutes(90) };

        var result = ResendRules.Check([Now.AddMinutes(-1)], Now, settings);

        Assert.Equal(new ResendCheck(ResendDecision.HourlyCapReached, TimeSpan.FromMinutes(89)), result);
    }
}
