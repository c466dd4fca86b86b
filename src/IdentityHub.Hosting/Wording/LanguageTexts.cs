using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Hosting.Wording;

/// <summary>
/// A text in a language chosen by the caller rather than the request's: an email, text message or call goes
/// out in the language of the person it is for (their saved preference), whatever language the page that
/// sent it is in. The plan's replacements (<see cref="WordingOverrides"/>) for that portal and language win
/// over the resource file, as on pages; dates and numbers in the placeholders follow the language (en-US, es-US).
/// </summary>
public sealed class LanguageTexts(ResourceManagerStringLocalizerFactory resources, WordingOverrides overrides)
{
    /// <summary>
    /// The text of <paramref name="key"/> in <typeparamref name="TResource"/>'s file, in <paramref name="language"/>
    /// (an unsupported one means English), with <paramref name="arguments"/> in its {0}, {1}…; with no
    /// arguments the text is returned as written (braces and all).
    /// </summary>
    public string Text<TResource>(string key, string? language, string? clientId, params object[] arguments)
    {
        var chosen = SupportedLanguages.Match(language) ?? SupportedLanguages.English;
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(LanguageChoice.CultureOf(chosen));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(chosen);
            if (overrides.Find(clientId, chosen, key) is { } replaced)
            {
                return arguments.Length == 0 ? replaced : Format(replaced, arguments);
            }

            var localizer = resources.Create(typeof(TResource));
            return arguments.Length == 0 ? localizer[key].Value : localizer[key, arguments].Value;
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    /// <summary>A plan's text with a placeholder it should not have is sent as written rather than failing the message.</summary>
    private static string Format(string text, object[] arguments)
    {
        try
        {
            return string.Format(CultureInfo.CurrentCulture, text, arguments);
        }
        catch (FormatException)
        {
            return text;
        }
    }
}

public static class LanguageTextsServices
{
    /// <summary>
    /// <see cref="LanguageTexts"/> for a library that sends messages: safe to call from several libraries and
    /// with or without <see cref="WordingServices.AddIdentityHubWording"/> (without it, no replacements apply).
    /// </summary>
    public static IServiceCollection AddLanguageTexts(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddOptions<WordingOptions>();
        services.TryAddSingleton<ResourceManagerStringLocalizerFactory>();
        services.TryAddSingleton<WordingOverrides>();
        services.TryAddSingleton<LanguageTexts>();
        return services;
    }
}
