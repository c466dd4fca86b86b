using System.Security.Claims;
using IdentityHub.Server.Audit;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect.Tokens;

/// <summary>
/// Audits the token endpoint's refusals (D9). A code or refresh token presented after it was redeemed is
/// <c>token.reuse_detected</c>: OpenIddict has just revoked every token of that sign-in (RFC 6749 §10.5,
/// §4.1.2), and the thief or the user's other tab is named by client and person. Any other refusal is
/// <c>token.refused</c> with the error code as outcome. Queued like issued tokens (<see cref="QueuedAuditWriter"/>).
/// </summary>
public sealed class AuditRefusedTokens(QueuedAuditWriter audit, TimeProvider time, Telemetry.IdentityHubMetrics metrics)
    : IOpenIddictServerHandler<ValidateTokenContext>, IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public const string RefusedEvent = "token.refused";
    public const string ReuseEvent = "token.reuse_detected";

    /// <summary>Where the presented token's principal is kept for the response: OpenIddict drops it when it refuses the token.</summary>
    private const string PresentedProperty = ".identityhub_presented_token";

    /// <summary>Notes who a presented token belongs to, just before OpenIddict checks its entry (and finds it redeemed).</summary>
    public static OpenIddictServerHandlerDescriptor PresentedDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<AuditRefusedTokens>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <summary>After the error is normalized (invalid_token becomes invalid_grant), before the response is written.</summary>
    public static OpenIddictServerHandlerDescriptor ResponseDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseSingletonHandler<AuditRefusedTokens>()
        .SetOrder(OpenIddictServerHandlers.Exchange.NormalizeErrorResponse.Descriptor.Order + 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is { } principal && (principal.HasTokenType(TokenTypeIdentifiers.RefreshToken) || principal.HasTokenType(TokenTypeIdentifiers.Private.AuthorizationCode)))
        {
            context.Transaction.SetProperty(PresentedProperty, principal);
        }

        return default;
    }

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.Response.Error))
        {
            return;
        }

        var presented = context.Transaction.GetProperty<ClaimsPrincipal>(PresentedProperty);
        var grant = context.Request?.GrantType ?? "none";
        var reused = IsRedeemedAgain(context.Response);
        metrics.TokenRefused(context.Request?.GrantType, context.Response.Error);
        var entry = AuditLog.NewEntry(
            time,
            context.Transaction.GetHttpRequest()?.HttpContext,
            reused ? ReuseEvent : RefusedEvent,
            reused ? "refused" : context.Response.Error,
            userId: presented?.GetClaim(Claims.Subject),
            clientId: context.Request?.ClientId ?? presented?.GetPresenters().FirstOrDefault(),
            detail: reused
                ? $"grant {grant}: {(grant == GrantTypes.RefreshToken ? "a refresh token" : "an authorization code")} presented again after it was redeemed; every token of its sign-in revoked"
                : $"grant {grant}: {context.Response.ErrorDescription}");
        await audit.EnqueueAsync(entry);
    }

    /// <summary>OpenIddict's "already been redeemed" refusals (ID2010 code, ID2012 refresh token, ID2013 any token), by error URI or wording.</summary>
    private static bool IsRedeemedAgain(OpenIddictResponse response) =>
        response.ErrorUri is { } uri && (uri.EndsWith("ID2010", StringComparison.Ordinal) || uri.EndsWith("ID2012", StringComparison.Ordinal) || uri.EndsWith("ID2013", StringComparison.Ordinal))
        || response.ErrorDescription?.Contains("already been redeemed", StringComparison.OrdinalIgnoreCase) == true;
}
