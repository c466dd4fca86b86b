using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect.Tokens;

/// <summary>
/// OpenIddict's Entity Framework Core token store, writing an authorization code's row once. OpenIddict
/// creates a code's entry (to put its id inside the code), generates the code, then saves the payload into
/// the entry: an insert and an update, two round trips. Here the entry is only added to the request's
/// context when it is created, and inserted with its payload when OpenIddict saves it. Any other save in
/// between (by the same context) inserts it too, and the update then goes through OpenIddict's own path.
/// A code whose entry is never saved was never handed out: OpenIddict saves the payload before the code
/// leaves the server.
/// </summary>
public sealed class SingleWriteTokenStore(
    IMemoryCache cache,
    IOpenIddictEntityFrameworkCoreContext context,
    IOptionsMonitor<OpenIddictEntityFrameworkCoreOptions> options)
    : OpenIddictEntityFrameworkCoreTokenStore<OpenIddictEntityFrameworkCoreToken, OpenIddictEntityFrameworkCoreApplication,
        OpenIddictEntityFrameworkCoreAuthorization, string>(cache, context, options)
{
    public override async ValueTask CreateAsync(OpenIddictEntityFrameworkCoreToken token, CancellationToken cancellationToken)
    {
        if (token.Type != TokenTypeIdentifiers.Private.AuthorizationCode || token.Payload is not null)
        {
            await base.CreateAsync(token, cancellationToken);
            return;
        }

        var database = await Context.GetDbContextAsync(cancellationToken);
        database.Add(token);
    }

    public override async ValueTask UpdateAsync(OpenIddictEntityFrameworkCoreToken token, CancellationToken cancellationToken)
    {
        var database = await Context.GetDbContextAsync(cancellationToken);
        if (database.Entry(token).State != EntityState.Added)
        {
            await base.UpdateAsync(token, cancellationToken);
            return;
        }

        // Not in the database yet: one insert, with the payload OpenIddict has just attached.
        token.ConcurrencyToken = Guid.NewGuid().ToString();
        await database.SaveChangesAsync(cancellationToken);
    }
}
