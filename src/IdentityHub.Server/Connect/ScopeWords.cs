using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect;

/// <summary>What a scope lets an application do, in the reader's words (the consent page, connected apps).</summary>
public static class ScopeWords
{
    public static string Describe(string scope, IStringLocalizer<SignInText> text) => scope switch
    {
        Scopes.OpenId => text["Consent.Scope.OpenId"],
        Scopes.Profile => text["Consent.Scope.Profile"],
        Scopes.Email => text["Consent.Scope.Email"],
        Scopes.Phone => text["Consent.Scope.Phone"],
        Scopes.OfflineAccess => text["Consent.Scope.OfflineAccess"],
        _ => text["Consent.Scope.Other", scope],
    };
}
