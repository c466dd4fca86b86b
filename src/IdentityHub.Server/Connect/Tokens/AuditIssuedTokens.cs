using IdentityHub.Server.Audit;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect.Tokens;

/// <summary>
/// Audits every response that carries tokens (D9): <c>token.issued</c> with the grant, the client, the person
/// (none for client credentials, where the client is the actor), the scopes granted and which kinds of token
/// went out; never a token or any part of one. Runs after the sign-in handlers that make the tokens and attach them to the response, and
/// queues the event (<see cref="QueuedAuditWriter"/>) so that issuing a token waits for no database write.
/// A response with only an authorization code is not audited here: the sign-in before it is.
/// </summary>
public sealed class AuditIssuedTokens(QueuedAuditWriter audit, TimeProvider time, Telemetry.IdentityHubMetrics metrics) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public const string Event = "token.issued";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseSingletonHandler<AuditIssuedTokens>()
        .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order + 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var kinds = new List<string>(3);
        if (context.IncludeAccessToken && context.AccessToken is not null)
        {
            kinds.Add("access");
        }

        if (context.IncludeIdentityToken && context.IdentityToken is not null)
        {
            kinds.Add("id");
        }

        if (context.IncludeRefreshToken && context.RefreshToken is not null)
        {
            kinds.Add("refresh");
        }

        if (kinds.Count == 0 || context.IsRejected)
        {
            return;
        }

        var clientCredentials = context.Request.IsClientCredentialsGrantType();
        var clientId = context.Request.ClientId ?? context.Principal?.GetPresenters().FirstOrDefault();
        var grant = context.Request.GrantType ?? "response_type " + context.Request.ResponseType;
        var scopes = context.Principal?.GetScopes() ?? [];
        metrics.TokenIssued(context.Request.GrantType, clientId);
        var entry = AuditLog.NewEntry(
            time,
            context.Transaction.GetHttpRequest()?.HttpContext,
            Event,
            "succeeded",
            userId: clientCredentials ? null : context.Principal?.GetClaim(Claims.Subject),
            clientId,
            $"grant {grant}; scopes {(scopes.IsEmpty ? "none" : string.Join(' ', scopes))}; issued {string.Join(", ", kinds)}");
        if (clientCredentials)
        {
            entry.ActorId = clientId;
        }

        await audit.EnqueueAsync(entry);
    }
}
