using IdentityHub.Core.Keys;

namespace IdentityHub.Core.Tests.Keys;

public sealed class KeyRotationPlanTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly KeyRotationSettings Settings = new(TimeSpan.FromDays(90), TimeSpan.FromDays(7), TimeSpan.FromDays(1));
    private int _ids;

    [Fact]
    public void With_no_keys_a_key_that_signs_at_once_is_created()
    {
        var plan = Plan([], Start);

        var created = Assert.IsType<KeySchedule>(plan.ToCreate);
        Assert.Equal(created, plan.Active);
        Assert.Equal(Start, created.ActivatesAt);
        Assert.Equal(Start + TimeSpan.FromDays(90), created.RetiresAt);
        Assert.Equal(Start + TimeSpan.FromDays(91), created.ExpiresAt);
        Assert.Equal([created], plan.Published);
    }

    [Fact]
    public void Nothing_is_created_while_the_active_key_has_time_left()
    {
        var first = Plan([], Start).ToCreate!;

        var plan = Plan([first], Start + TimeSpan.FromDays(82));

        Assert.Null(plan.ToCreate);
        Assert.Equal(first, plan.Active);
    }

    [Fact]
    public void The_successor_is_created_publish_ahead_before_rotation_and_does_not_sign_yet()
    {
        var first = Plan([], Start).ToCreate!;
        var now = Start + TimeSpan.FromDays(83);

        var plan = Plan([first], now);

        var next = Assert.IsType<KeySchedule>(plan.ToCreate);
        Assert.Equal(first.RetiresAt, next.ActivatesAt);
        Assert.Equal(now, next.PublishedAt);
        Assert.Equal(first, plan.Active);
        Assert.Equal([first, next], plan.Published);
    }

    [Fact]
    public void After_rotation_the_successor_signs_and_the_old_key_stays_published_until_it_expires()
    {
        var first = Plan([], Start).ToCreate!;
        var next = Plan([first], Start + TimeSpan.FromDays(83)).ToCreate!;

        var rotated = Plan([first, next], Start + TimeSpan.FromDays(90.5));
        var later = Plan([first, next], Start + TimeSpan.FromDays(91.5));

        Assert.Equal(next, rotated.Active);
        Assert.Equal([next, first], rotated.Published);
        Assert.Equal([next], later.Published);
    }

    [Fact]
    public void Every_node_computes_the_same_activation_time_for_the_successor()
    {
        var first = Plan([], Start).ToCreate!;

        var a = Plan([first], Start + TimeSpan.FromDays(84)).ToCreate!;
        var b = Plan([first], Start + TimeSpan.FromDays(85)).ToCreate!;

        Assert.Equal(a.ActivatesAt, b.ActivatesAt);
    }

    [Fact]
    public void When_every_key_lapsed_a_fresh_key_signs_at_once()
    {
        var first = Plan([], Start).ToCreate!;
        var now = Start + TimeSpan.FromDays(400);

        var plan = Plan([first], now);

        Assert.Equal(now, plan.ToCreate!.ActivatesAt);
        Assert.Equal([plan.ToCreate], plan.Published);
    }

    [Fact]
    public void Keys_of_the_other_use_are_ignored()
    {
        var encryption = KeyRotationPlan.For(KeyUse.Encryption, [], Settings, Start, NextId).ToCreate!;

        var plan = Plan([encryption], Start);

        Assert.NotNull(plan.ToCreate);
        Assert.Equal(KeyUse.Signing, plan.Active!.Use);
    }

    private KeyRotationPlan Plan(IEnumerable<KeySchedule> stored, DateTimeOffset now) =>
        KeyRotationPlan.For(KeyUse.Signing, stored, Settings, now, NextId);

    private string NextId() => "key-" + ++_ids;
}
