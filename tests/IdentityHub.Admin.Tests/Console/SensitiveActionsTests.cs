using System.Security.Claims;
using IdentityHub.Admin.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>The rule for sensitive actions: a passkey sign-in, or one younger than FreshSignIn.</summary>
public sealed class SensitiveActionsTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.Zero));

    private static SensitiveActions Rule() =>
        new(new StaticOptions(new ConsoleOptions { FreshSignIn = TimeSpan.FromMinutes(10) }), Clock);

    private static ClaimsPrincipal SignedIn(TimeSpan ago, params string[] amr) => new(new ClaimsIdentity(
        [new Claim("auth_time", (Clock.GetUtcNow() - ago).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), .. amr.Select(method => new Claim("amr", method))],
        "test"));

    [Theory]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    [InlineData(240, false)]
    public void A_password_and_code_sign_in_counts_for_ten_minutes(int minutesAgo, bool allowed) =>
        Assert.Equal(allowed, Rule().Allow(SignedIn(TimeSpan.FromMinutes(minutesAgo), "pwd", "mail", "mfa")));

    [Theory]
    [InlineData("hwk")]
    [InlineData("swk")]
    public void A_passkey_sign_in_counts_however_old(string passkey) =>
        Assert.True(Rule().Allow(SignedIn(TimeSpan.FromHours(4), passkey)));

    [Fact]
    public void The_methods_as_one_json_array_claim_are_read_too() =>
        Assert.True(Rule().Allow(SignedIn(TimeSpan.FromHours(4), "[\"swk\",\"mfa\"]")));

    [Fact]
    public void Without_a_sign_in_time_or_with_one_in_the_future_it_does_not_count()
    {
        Assert.False(Rule().Allow(new ClaimsPrincipal(new ClaimsIdentity([new Claim("amr", "otp")], "test"))));
        Assert.False(Rule().Allow(SignedIn(TimeSpan.FromHours(-1), "pwd", "otp")));
    }

    private sealed class StaticOptions(ConsoleOptions value) : IOptionsMonitor<ConsoleOptions>
    {
        public ConsoleOptions CurrentValue => value;

        public ConsoleOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ConsoleOptions, string?> listener) => null;
    }
}
