using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Sessions;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Wording;

/// <summary>
/// The language saved on a person's account (A14): the switch saves it while they are signed in, and
/// signing in anywhere brings it back (<see cref="ApplyAtSignIn"/>). Messages to the person use it.
/// </summary>
public sealed class SavedLanguage(IdentityHubDbContext db) : ILanguagePreferences
{
    public async Task SaveAsync(HttpContext http, string language)
    {
        if (await SignedInSession.ReadAsync(http) is not { } session)
        {
            return;
        }

        await db.Users.Where(user => user.Id == session.UserId && user.PreferredLanguage != language)
            .ExecuteUpdateAsync(set => set.SetProperty(user => user.PreferredLanguage, language), http.RequestAborted);
    }

    /// <summary>Once the person is known at sign-in, their pages continue in their saved language.</summary>
    public static void ApplyAtSignIn(HttpContext http, IdentityHubUser user)
    {
        if (SupportedLanguages.Match(user.PreferredLanguage) is { } language)
        {
            LanguageCookies.Remember(http, language);
        }
    }

    /// <summary>The language for a message to this person: their saved one, else the page's.</summary>
    public static string For(IdentityHubUser user) => SupportedLanguages.Match(user.PreferredLanguage) ?? SupportedLanguages.Current;
}
