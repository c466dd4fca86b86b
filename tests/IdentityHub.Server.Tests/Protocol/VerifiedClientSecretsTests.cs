using IdentityHub.Server.Connect.Clients;
using Microsoft.Extensions.Time.Testing;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>A verified client secret skips PBKDF2 for five minutes; nothing else does.</summary>
public sealed class VerifiedClientSecretsTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void A_verified_secret_is_known_until_five_minutes_have_passed()
    {
        var secrets = new VerifiedClientSecrets(_clock);
        secrets.Remember("s3cret", "stored-hash");

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(secrets.IsKnown("s3cret", "stored-hash"));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(secrets.IsKnown("s3cret", "stored-hash"));
    }

    [Fact]
    public void Another_secret_or_a_rotated_stored_hash_is_not_known()
    {
        var secrets = new VerifiedClientSecrets(_clock);
        secrets.Remember("s3cret", "stored-hash");

        Assert.False(secrets.IsKnown("s3cret!", "stored-hash"));
        Assert.False(secrets.IsKnown("s3cret", "new-stored-hash"));
    }
}
