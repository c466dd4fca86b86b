using System.Collections.Concurrent;
using System.Text;

namespace IdentityHub.Server.Telemetry;

/// <summary>
/// Tag values in one spelling (<c>AlreadyUsed</c> → <c>already_used</c>), made once per word and then reused, so that
/// recording an event allocates nothing. Only the few fixed words of outcomes and methods come here; anything else
/// (past <see cref="MaximumWords"/>) is <c>other</c>, so a bug can never grow a metric's series without bound.
/// </summary>
internal static class TagWords
{
    public const string Other = "other";
    private const int MaximumWords = 200;

    private static readonly ConcurrentDictionary<string, string> Words = new(StringComparer.Ordinal);

    public static string Of(string word)
    {
        if (Words.TryGetValue(word, out var known))
        {
            return known;
        }

        return Words.Count >= MaximumWords || word.Length > 40 ? Other : Words.GetOrAdd(word, SnakeCase);
    }

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => EnumWords<TEnum>.Names.TryGetValue(value, out var name) ? name : Other;

    private static string SnakeCase(string word)
    {
        var snake = new StringBuilder(word.Length + 4);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0 && word[i - 1] != '_')
                {
                    snake.Append('_');
                }

                snake.Append(char.ToLowerInvariant(c));
            }
            else
            {
                snake.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
            }
        }

        return snake.ToString();
    }

    private static class EnumWords<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().Distinct().ToDictionary(value => value, value => SnakeCase(value.ToString()));
    }
}
