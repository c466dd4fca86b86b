using IdentityHub.Core.Audit;

namespace IdentityHub.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly ChainedFields Record = new(
        "0193a1b2c3d4e5f60718293a4b5c6d7e", new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.Zero), "user-1", null, null,
        "provider-portal", "203.0.113.5", "Chrome on Windows", "signin.password", "succeeded", "K7QM-2XPD", null);

    [Fact]
    public void The_hash_is_lower_case_sha256_hex_and_the_same_for_the_same_record()
    {
        var hash = AuditChain.Hash(Record, 1, AuditChain.Genesis);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, AuditChain.Hash(Record with { }, 1, AuditChain.Genesis));
        Assert.Equal(new string('0', 64), AuditChain.Genesis);
    }

    [Fact]
    public void Every_field_the_place_and_the_previous_hash_change_the_hash()
    {
        var hash = AuditChain.Hash(Record, 1, AuditChain.Genesis);

        Assert.NotEqual(hash, AuditChain.Hash(Record, 2, AuditChain.Genesis));
        Assert.NotEqual(hash, AuditChain.Hash(Record, 1, new string('1', 64)));
        Assert.NotEqual(hash, AuditChain.Hash(Record with { Outcome = "failed" }, 1, AuditChain.Genesis));
        Assert.NotEqual(hash, AuditChain.Hash(Record with { OccurredAt = Record.OccurredAt.AddTicks(1) }, 1, AuditChain.Genesis));
        Assert.NotEqual(hash, AuditChain.Hash(Record with { Detail = "" }, 1, AuditChain.Genesis));
    }

    [Fact]
    public void Values_cannot_be_shifted_between_fields()
    {
        var one = Record with { UserId = "ab", ActorId = "c" };
        var other = Record with { UserId = "a", ActorId = "bc" };

        Assert.NotEqual(AuditChain.Hash(one, 1, AuditChain.Genesis), AuditChain.Hash(other, 1, AuditChain.Genesis));
    }

    [Fact]
    public void The_same_moment_in_another_offset_hashes_alike()
    {
        var eastern = Record with { OccurredAt = Record.OccurredAt.ToOffset(TimeSpan.FromHours(-5)) };

        Assert.Equal(AuditChain.Hash(Record, 1, AuditChain.Genesis), AuditChain.Hash(eastern, 1, AuditChain.Genesis));
    }
}
