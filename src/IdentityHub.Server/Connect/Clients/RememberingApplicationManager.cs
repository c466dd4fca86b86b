using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace IdentityHub.Server.Connect.Clients;

/// <summary>OpenIddict's application manager, with verified client secrets remembered (<see cref="VerifiedClientSecrets"/>).</summary>
public sealed class RememberingApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store,
    VerifiedClientSecrets verified) : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    protected override async ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        if (verified.IsKnown(secret, comparand))
        {
            return true;
        }

        var valid = await base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
        if (valid)
        {
            verified.Remember(secret, comparand);
        }

        return valid;
    }
}
