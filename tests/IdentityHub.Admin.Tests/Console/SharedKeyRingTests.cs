using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>Decision 0019: one key ring in the database, one certificate, each host its own application name.</summary>
public sealed class SharedKeyRingTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public void The_admin_host_reads_the_token_servers_keys_but_not_what_the_token_server_protected()
    {
        var serverKeys = hosts.TokenServer.Services.GetRequiredService<IKeyManager>().GetAllKeys();
        var adminKeys = hosts.Admin.Services.GetRequiredService<IKeyManager>().GetAllKeys();

        Assert.NotEmpty(serverKeys);
        Assert.All(serverKeys, key => Assert.Contains(adminKeys, admin => admin.KeyId == key.KeyId));
        // Reading a key's descriptor decrypts it with the certificate: it throws when the host cannot.
        Assert.All(adminKeys, key => Assert.NotNull(key.Descriptor));

        var protectedByServer = hosts.TokenServer.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("console-test").Protect("a session");
        var admin = hosts.Admin.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("console-test");
        Assert.ThrowsAny<CryptographicException>(() => admin.Unprotect(protectedByServer));
        Assert.Equal("its own", admin.Unprotect(admin.Protect("its own")));
    }
}
