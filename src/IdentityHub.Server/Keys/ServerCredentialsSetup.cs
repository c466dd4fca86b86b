using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;

namespace IdentityHub.Server.Keys;

/// <summary>
/// Hands the key ring's credentials to OpenIddict, and tells OpenIddict's options monitor to rebuild
/// its options whenever the ring changes.
/// </summary>
internal sealed class ServerCredentialsSetup(KeyRing ring)
    : IConfigureOptions<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    public string? Name => Options.DefaultName;

    public void Configure(OpenIddictServerOptions options)
    {
        var snapshot = ring.Current;
        options.SigningCredentials.AddRange(snapshot.Signing);
        options.EncryptionCredentials.AddRange(snapshot.Encryption);
    }

    public IChangeToken GetChangeToken() => ring.ChangeToken;
}
