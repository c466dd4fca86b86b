using IdentityHub.Administration.Clients;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace IdentityHub.Server.Connect.Clients;

/// <summary>
/// OpenIddict's application manager, with verified client secrets remembered (<see cref="VerifiedClientSecrets"/>),
/// and a secret rotated out through the admin API still accepted until its overlap ends.
/// </summary>
public sealed class RememberingApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store,
    VerifiedClientSecrets verified,
    TimeProvider time) : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    public override async ValueTask<bool> ValidateClientSecretAsync(TApplication application, string secret, CancellationToken cancellationToken = default)
    {
        if (await base.ValidateClientSecretAsync(application, secret, cancellationToken))
        {
            return true;
        }

        return !string.IsNullOrEmpty(secret)
            && PreviousSecret.From(await Store.GetPropertiesAsync(application, cancellationToken)) is { } previous
            && previous.Expires > time.GetUtcNow().ToUnixTimeSeconds()
            && await ValidateClientSecretAsync(secret, previous.Hash, cancellationToken);
    }

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
