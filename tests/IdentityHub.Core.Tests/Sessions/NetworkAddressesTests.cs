using IdentityHub.Core.Sessions;

namespace IdentityHub.Core.Tests.Sessions;

public sealed class NetworkAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.9")]
    [InlineData("172.31.255.1")]
    [InlineData("192.168.1.20")]
    [InlineData("169.254.10.10")]
    [InlineData("100.64.0.1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:192.168.1.20")]
    public void Loopback_and_private_addresses_are_a_local_network(string address) =>
        Assert.True(NetworkAddresses.IsLocal(address));

    [Theory]
    [InlineData("203.0.113.5")]
    [InlineData("172.32.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2001:db8::1")]
    [InlineData("not an address")]
    [InlineData(null)]
    public void Other_addresses_are_not(string? address) =>
        Assert.False(NetworkAddresses.IsLocal(address));
}
