using System.Globalization;
using IdentityHub.Administration.Clients;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Admin.Pages.Clients.Tokens;

/// <summary>The form that issues an initial access token: what it is for, how long and how often it works, and the policy its registrations must fit.</summary>
public sealed class TokenForm
{
    public string? Description { get; set; }

    public string? ExpiresInDays { get; set; }

    public string? MaxUses { get; set; }

    public List<string> Grants { get; set; } = [];

    public string? RedirectHosts { get; set; }

    public List<string> Scopes { get; set; } = [];

    public bool ConsentRequired { get; set; }

    /// <summary>A new form as the policy's defaults: sign-ins with refresh tokens, any host, consent asked, 30 days.</summary>
    public static TokenForm New()
    {
        var policy = new RegistrationPolicy();
        return new TokenForm { ExpiresInDays = "30", Grants = [.. policy.GrantTypes], ConsentRequired = policy.ConsentRequired };
    }

    /// <summary>The form as the service's input; the form's own problems (a number, no grant ticked) by its field names, in the page's language.</summary>
    public InitialAccessTokenInput ToInput(IStringLocalizer text, IDictionary<string, string[]> problems)
    {
        var grants = Grants.Where(grant => !string.IsNullOrWhiteSpace(grant)).Distinct(StringComparer.Ordinal).ToList();
        if (grants.Count == 0)
        {
            problems[nameof(Grants)] = [text["ConsoleTokens.ChooseGrant"]];
        }

        var policy = new RegistrationPolicy
        {
            GrantTypes = grants,
            RedirectHosts = [.. (RedirectHosts ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)],
            Scopes = [.. Scopes.Where(scope => !string.IsNullOrWhiteSpace(scope)).Distinct(StringComparer.Ordinal)],
            ConsentRequired = ConsentRequired,
        };
        return new InitialAccessTokenInput(
            Description,
            Number(ExpiresInDays, nameof(ExpiresInDays), 365, text, problems),
            Number(MaxUses, nameof(MaxUses), 10_000, text, problems),
            policy);
    }

    /// <summary>The service's field names as the form's.</summary>
    public static Dictionary<string, string[]> FormProblems(IReadOnlyDictionary<string, string[]> problems) =>
        problems.GroupBy(pair => pair.Key switch
            {
                "description" => nameof(Description),
                "expiresInDays" => nameof(ExpiresInDays),
                "maxUses" => nameof(MaxUses),
                "policy.grant_types" => nameof(Grants),
                "policy.redirect_hosts" => nameof(RedirectHosts),
                "policy.scopes" => nameof(Scopes),
                _ => "",
            }, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.SelectMany(pair => pair.Value).ToArray(), StringComparer.Ordinal);

    private static int? Number(string? value, string field, int most, IStringLocalizer text, IDictionary<string, string[]> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= most)
        {
            return number;
        }

        problems[field] = [text["ConsoleClient.WholeNumber", 1, most]];
        return null;
    }
}
