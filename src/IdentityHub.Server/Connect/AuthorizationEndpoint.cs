using System.Security.Claims;
using IdentityHub.Core.Assurance;
using IdentityHub.Data.Users;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect;

/// <summary>
/// The authorization endpoint. OpenIddict has already validated the request (client, redirect URI,
/// PKCE, scopes); this code makes the user decisions: sign in first, consent, or issue a code.
/// </summary>
internal static class AuthorizationEndpoint
{
    /// <summary>Set by the consent page when the user declines, so the portal receives access_denied.</summary>
    public const string ConsentDeniedParameter = "ih_consent";

    /// <summary>
    /// OpenIddict has matched the redirect URI to the client by now, so a database outage can go back
    /// to the portal as <c>temporarily_unavailable</c> (RFC 6749 §4.1.2.1) instead of a page of ours.
    /// </summary>
    public static async ValueTask<object?> BackToThePortalDuringAnOutage(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (Hosting.DatabaseOutages.IsOutage(exception))
        {
            return Forbid(Errors.TemporarilyUnavailable, "The sign-in service is temporarily unavailable. Try again in a minute.");
        }
    }

    public static async Task<IResult> HandleAsync(
        HttpContext http,
        IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations,
        ScopeResources resources,
        IOptions<IdentityHubOptions> options,
        ClientPolicies policies,
        SignInFlow flow,
        SessionRecords sessions,
        Governance.PortalProfiles portalProfiles,
        PushedRequests pushed,
        TimeProvider time)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        // A pushed request (PAR) keeps its parameters with OpenIddict; the prompts it already honoured travel in the
        // protected parameters of the return URL (see PushedRequests), as a plain request's travel in its query.
        var requestUri = ConnectRequests.RawParameter(http.Request, Parameters.RequestUri);
        var prompts = pushed.PromptsLeft(requestUri, ConnectRequests.RawParameter(http.Request, PushedRequests.Parameter))
            ?? (request.Prompt ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string Back(string[]? drop = null, string[]? dropPrompts = null) => ConnectRequests.AsLocalUrl(
            http.Request, drop, dropPrompts,
            requestUri is null ? null : pushed.Protect(requestUri, request, prompts.Except(dropPrompts ?? [])));

        Wording.PortalOfRequest.Note(http, request.ClientId, request.UiLocales);
        var session = await SignedInSession.ReadAsync(http);
        var policy = await policies.ForAsync(request.ClientId, http.RequestAborted);
        if (Members.Registration.PromptCreate.Redirect(prompts, policy, Back) is { } registration)
        {
            return registration;
        }

        var reason = await WhySignInIsNeededAsync(http, request, prompts, session, policy.Settings.MaxSessionAge, time);
        if (reason is not null)
        {
            if (prompts.Contains(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, reason);
            }

            // Come back without prompt=login once the user has signed in, or we would loop; signing in is also
            // choosing the account, so select_account is honoured too.
            var returnUrl = Back(dropPrompts: [PromptValues.Login, PromptValues.SelectAccount]);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        var (user, profiles) = await portalProfiles.UserWithProfilesAsync(session!.UserId, request.ClientId!, session.SessionId, http.RequestAborted);
        if (user is null)
        {
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = Back() }, [IdentityConstants.ApplicationScheme]);
        }

        // prompt=select_account at a portal without security profiles (which choose a profile instead, below):
        // the person confirms the account they are signed in with, or signs out to use another (OIDC Core 3.1.2.1).
        // OpenIddict refuses prompt=none with any other value before this point, as OIDC Core requires.
        if (profiles.Count == 0 && prompts.Contains(PromptValues.SelectAccount))
        {
            return Results.Redirect("/connect/account?returnUrl=" + Uri.EscapeDataString(Back(dropPrompts: [PromptValues.SelectAccount])));
        }

        // The level this portal needs (M14): its policy, raised by acr_values. A lower session is
        // stepped up with a second factor, not refused.
        var required = RequiredLevel.For(policy, request.AcrValues);
        if (!AssuranceLevels.Satisfies(session.Acr, required))
        {
            if (prompts.Contains(PromptValues.None))
            {
                return Forbid(Errors.InteractionRequired, "The sign-in must be stepped up to the level this application requires.");
            }

            return Results.Redirect(await flow.StepUpAsync(http, session, Back()));
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!)
            ?? throw new InvalidOperationException("The client application cannot be found.");
        var applicationId = await applications.GetIdAsync(application);
        var requestedScopes = request.GetScopes();

        // A launch with a patient in context needs the person's health record (P13); without a link the consent page
        // says so and the app gets access_denied (decision 0042).
        var member = await Smart.PatientContext.ForAsync(http, user.Id, requestedScopes);
        var unlinked = requestedScopes.Contains(Core.Smart.SmartScopes.LaunchPatient) && member?.PatientId is null;

        // Only a portal that asks for consent keeps permanent authorizations, per scope (ConsentRecords); first-party
        // portals skip the lookup. The scopes issued are those requested that the person granted.
        var explicitConsent = await applications.GetConsentTypeAsync(application) is ConsentTypes.Explicit;
        var consent = explicitConsent
            ? await http.RequestServices.GetRequiredService<ConsentRecords>().CoveringAsync(user.Id, applicationId!, requestedScopes, http.RequestAborted)
            : null;
        var permanent = consent?.Authorization;

        if (explicitConsent && (permanent is null || prompts.Contains(PromptValues.Consent)) || unlinked)
        {
            if (http.Request.Query[ConsentDeniedParameter] == "denied" || http.Request.HasFormContentType && http.Request.Form[ConsentDeniedParameter] == "denied")
            {
                return Forbid(Errors.AccessDenied, unlinked
                    ? "The user's account is not linked to a member's health record, so there is no patient to launch with."
                    : "The user declined to share their information with this application.");
            }

            if (unlinked && prompts.Contains(PromptValues.None))
            {
                return Forbid(Errors.AccessDenied, "The user's account is not linked to a member's health record, so there is no patient to launch with.");
            }

            if (prompts.Contains(PromptValues.None))
            {
                return Forbid(Errors.ConsentRequired, "The user must consent before this application can sign them in.");
            }

            var returnUrl = Back(drop: [ConsentDeniedParameter], dropPrompts: [PromptValues.Consent]);
            return Results.Redirect("/connect/consent?returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        // The session record notes the portal (for single logout); its id goes into the ID token as sid.
        if (SessionLifetime.Current(http) is { } live)
        {
            await sessions.RecordClientAsync(live, request.ClientId!, http.RequestAborted);
        }

        var profile = await ProfileAsync(http, request, prompts, Back, session, profiles, portalProfiles);
        if (profile.Answer is { } answer)
        {
            return answer;
        }

        var identity = UserPrincipalFactory.Create(user, session.AuthenticatedAt, session.Methods, session.Acr!);
        identity.SetClaim(SessionClaims.SessionId, session.SessionId);
        if (profile.Chosen is { } chosen)
        {
            identity.SetClaim(Claims.Role, chosen.Role).SetClaim(Governance.GovernanceClaims.Profile, chosen.Id);
        }

        var chainEnds = time.GetUtcNow() + (policy.Settings.RefreshTokenAbsoluteLifetime ?? options.Value.Tokens.RefreshTokenAbsoluteLifetime);
        identity.SetClaim(SessionClaims.RefreshChainExpiresAt, chainEnds.ToUnixTimeSeconds());
        identity.SetScopes(consent?.Issued ?? requestedScopes);
        identity.SetResources(await resources.ForAsync(identity.GetScopes(), http.RequestAborted));
        Smart.PatientContext.AddClaims(identity, member, options.Value.Smart);

        // Without a permanent authorization an ad-hoc one ties every token of this sign-in together, so that a
        // replayed code or refresh token can revoke them all; it names the session, whose end revokes them too.
        identity.SetAuthorizationId(permanent is not null
            ? await authorizations.GetIdAsync(permanent)
            : await http.RequestServices.GetRequiredService<Logout.SessionAuthorizations>()
                .CreateAsync(applicationId!, user.Id, session.SessionId, identity.GetScopes(), http.RequestAborted));

        ClaimDestinations.Apply(identity);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The security profile for a portal that has them (D4): the one this session chose, the only one the person
    /// holds (chosen silently), or the choice page (again with <c>prompt=select_account</c>, to switch). A person
    /// holding none is shown whom to ask, and the portal gets <c>access_denied</c> when they go back.
    /// </summary>
    private static async Task<(Governance.PortalProfile? Chosen, IResult? Answer)> ProfileAsync(
        HttpContext http, OpenIddictRequest request, IReadOnlyList<string> prompts, Func<string[]?, string[]?, string> back,
        SignedInSession session, IReadOnlyList<Governance.PortalProfile> profiles, Governance.PortalProfiles portalProfiles)
    {
        if (profiles.Count == 0)
        {
            return (null, null);
        }

        var held = profiles.Where(p => p.Held).ToList();
        if (held.Count == 0)
        {
            if (prompts.Contains(PromptValues.None) || http.Request.Query[Governance.GovernanceClaims.NoProfileParameter] == "none"
                || http.Request.HasFormContentType && http.Request.Form[Governance.GovernanceClaims.NoProfileParameter] == "none")
            {
                return (null, Forbid(Errors.AccessDenied, "The user holds no security profile for this application; their organization's administrator can give them one."));
            }

            return (null, Results.Redirect("/connect/no-access?returnUrl=" + Uri.EscapeDataString(back([Governance.GovernanceClaims.NoProfileParameter], null))));
        }

        var chosen = held.FirstOrDefault(p => p.Chosen);
        var switching = prompts.Contains(PromptValues.SelectAccount) && held.Count > 1;
        if (chosen is not null && !switching)
        {
            return (chosen, null);
        }

        if (held.Count == 1)
        {
            await portalProfiles.ChooseAsync(session.SessionId, request.ClientId!, held[0].Id, http.RequestAborted);
            return (held[0], null);
        }

        if (prompts.Contains(PromptValues.None))
        {
            return (null, Forbid(Errors.InteractionRequired, "The user must choose a security profile for this application."));
        }

        var returnUrl = back(null, [PromptValues.SelectAccount]);
        return (null, Results.Redirect("/connect/profile?returnUrl=" + Uri.EscapeDataString(returnUrl)));
    }

    private static async Task<string?> WhySignInIsNeededAsync(
        HttpContext http, OpenIddictRequest request, IReadOnlyList<string> prompts, SignedInSession? session, TimeSpan? clientMaxAge, TimeProvider time)
    {
        if (session is null)
        {
            return "The user is not signed in.";
        }

        if (prompts.Contains(PromptValues.Login))
        {
            return "The application asked for a fresh sign-in.";
        }

        if (request.MaxAge is { } maxAge && time.GetUtcNow() - session.AuthenticatedAt > TimeSpan.FromSeconds(maxAge))
        {
            return "The sign-in is older than the application allows (max_age).";
        }

        if (clientMaxAge is { } limit && time.GetUtcNow() - session.AuthenticatedAt > limit)
        {
            return "The sign-in is older than this application's registration allows (default_max_age).";
        }

        if (!string.IsNullOrEmpty(request.IdTokenHint))
        {
            // OpenIddict validated the hint; a hint for someone else means this session is not theirs.
            var hint = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var hintedSubject = hint.Principal?.GetClaim(Claims.Subject);
            if (hintedSubject is not null && hintedSubject != session.UserId)
            {
                return "The signed-in user is not the one the application expected (id_token_hint).";
            }
        }

        return null;
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
