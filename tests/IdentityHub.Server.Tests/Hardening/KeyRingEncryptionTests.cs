using System.Net;
using System.Xml.Linq;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Hardening;

/// <summary>
/// The Data Protection key ring, stored in the database beside the signing keys it protects, is
/// encrypted with a certificate kept outside the database (O6): a copy of the database yields no key.
/// Rotating the certificate keeps the old one for decryption.
/// </summary>
public sealed class KeyRingEncryptionTests
{
    private const string Purpose = "IdentityHub.Tests.KeyRingRotation";

    [Fact]
    public async Task The_key_ring_table_holds_no_plaintext_master_key()
    {
        await using var app = new IdentityHubApp();
        await app.InitializeAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.NewBrowser().GetAsync("/account/login")).StatusCode);

        var rows = await app.QueryAsync(db => db.DataProtectionKeys.Select(key => key.Xml).ToListAsync());

        Assert.NotEmpty(rows);
        Assert.All(rows, xml =>
        {
            var key = XElement.Parse(xml!);
            Assert.DoesNotContain(key.Descendants(), element => element.Name.LocalName == "masterKey");
            Assert.Single(key.Descendants(), element => element.Name.LocalName == "encryptedSecret");
            Assert.Contains(TestCertificates.KeyRing.RawDataBase64, xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_key_ring_written_with_one_certificate_is_still_read_after_rotating_to_a_new_one()
    {
        var first = TestCertificates.Create("IdentityHub key ring 2026");
        var second = TestCertificates.Create("IdentityHub key ring 2027");
        // One database for both servers: an app drops only the database it made itself.
        var connectionString = await PostgresCluster.Shared.CreateDatabaseAsync("keyring-rotation");
        string protectedText;
        await using (var before = WithCertificate(new IdentityHubApp().UseDatabase(connectionString), first))
        {
            await before.InitializeAsync();
            protectedText = before.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("still readable");
        }

        await using var after = WithCertificate(new IdentityHubApp().UseDatabase(connectionString), second)
            .With("IdentityHub:DataProtection:PreviousCertificates:0:Path", first.Path)
            .With("IdentityHub:DataProtection:PreviousCertificates:0:Password", first.Password);
        await after.InitializeAsync();

        // Keys made before the rotation are read with the old certificate: payloads and the signing keys.
        Assert.Equal("still readable", after.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(protectedText));
        var user = await after.CreateUserAsync(NewName("rotated"));
        (await TokenClient.For(after).RedeemAsync(await after.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess();

        // New keys are encrypted to the new certificate only.
        var now = DateTimeOffset.UtcNow;
        var made = after.Services.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90));
        var xml = await after.QueryAsync(db => db.DataProtectionKeys.Where(key => key.FriendlyName == "key-" + made.KeyId.ToString("D")).Select(key => key.Xml).SingleAsync());
        Assert.Contains(second.RawDataBase64, xml, StringComparison.Ordinal);
        Assert.DoesNotContain(first.RawDataBase64, xml, StringComparison.Ordinal);
    }

    private static IdentityHubApp WithCertificate(IdentityHubApp app, TestCertificate certificate) => app
        .With("IdentityHub:DataProtection:Certificate:Path", certificate.Path)
        .With("IdentityHub:DataProtection:Certificate:Password", certificate.Password);
}
