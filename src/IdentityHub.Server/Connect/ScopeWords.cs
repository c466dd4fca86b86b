using IdentityHub.Core.Smart;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect;

/// <summary>
/// What a scope lets an application do, in the reader's words (the consent page, connected apps). A SMART scope names
/// the kind of record in plain words with its FHIR name beside it ("Your lab results and vital signs (Observation):
/// read and search"); a resource type without words of its own is shown by its name.
/// </summary>
public static class ScopeWords
{
    public static string Describe(string scope, IStringLocalizer<SignInText> text, IStringLocalizer<SmartText> smart) => scope switch
    {
        Scopes.OpenId => text["Consent.Scope.OpenId"],
        Scopes.Profile => text["Consent.Scope.Profile"],
        Scopes.Email => text["Consent.Scope.Email"],
        Scopes.Phone => text["Consent.Scope.Phone"],
        Scopes.OfflineAccess => text["Consent.Scope.OfflineAccess"],
        SmartScopes.LaunchPatient => smart["Smart.Scope.LaunchPatient"],
        SmartScopes.FhirUser => smart["Smart.Scope.FhirUser"],
        Core.Members.MemberScope.Name => smart["Smart.Scope.Member"],
        _ when SmartScope.Parse(scope) is { } parsed => Records(parsed, smart),
        _ => text["Consent.Scope.Other", scope],
    };

    private static string Records(SmartScope scope, IStringLocalizer<SmartText> smart)
    {
        var permissions = Permissions(scope.Permissions, smart);
        if (scope.AllTypes)
        {
            return smart["Smart.Scope.AllRecords", permissions];
        }

        var words = smart["Smart.Type." + scope.ResourceType];
        return smart["Smart.Scope.Resource", words.ResourceNotFound ? scope.ResourceType : words.Value, scope.ResourceType, permissions];
    }

    private static string Permissions(string letters, IStringLocalizer<SmartText> smart)
    {
        var words = letters.Select(letter => smart["Smart.Permission." + letter].Value).ToList();
        return words.Count == 1 ? words[0] : smart["Smart.Permissions.And", string.Join(", ", words[..^1]), words[^1]];
    }
}
