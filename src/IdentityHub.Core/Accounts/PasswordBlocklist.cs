using System.Collections.Frozen;

namespace IdentityHub.Core.Accounts;

/// <summary>
/// The common-password list shipped in <c>Accounts/Resources/common-passwords.txt</c> (49,233 entries, MIT;
/// see the README beside it), read once from the embedded resource into a frozen set of lower-case entries.
/// </summary>
public static class PasswordBlocklist
{
    private const string ResourceName = "IdentityHub.Core.Accounts.common-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> Entries = new(Load);

    /// <summary>How many distinct entries the list holds.</summary>
    public static int Count => Entries.Value.Count;

    /// <summary>Whether <paramref name="password"/> is on the list, ignoring case. No other variation is tried.</summary>
    public static bool Contains(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Entries.Value.Contains(password.ToLowerInvariant());
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordBlocklist).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from IdentityHub.Core.");
        using var reader = new StreamReader(stream);

        var entries = new List<string>(capacity: 50_000);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0)
            {
                entries.Add(entry.ToLowerInvariant());
            }
        }

        return entries.ToFrozenSet(StringComparer.Ordinal);
    }
}
