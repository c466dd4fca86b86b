using System.Data.Common;
using System.Text.RegularExpressions;

namespace IdentityHub.Server.Commands;

/// <summary>
/// Which configuration values are secrets, and how they are shown: <c>export-config</c> prints what a node runs with
/// so that it can be pasted into a ticket or compared between nodes, which only works if no secret goes with it.
/// </summary>
internal static partial class SecretMask
{
    public const string Hidden = "********";

    // The last part of a key names a secret when it ends with one of these (ClientSecret, Certificate:Password, ApiKey,
    // AuthToken, ...). Durations such as AccessTokenLifetime and sections such as Keys do not end so.
    private static readonly string[] SecretEndings = ["secret", "password", "passphrase", "key", "token", "credential", "credentials", "pwd"];

    // Credentials that are not secrets on their own but are only ever used with one (the SMTP login, the SMS account).
    private static readonly string[] CredentialNames = ["username", "accountsid", "user"];

    // Connection-string parts that are secrets; the host, port, database and options stay readable.
    private static readonly string[] SecretParts = ["password", "pwd", "passfile", "sslpassword", "ssl password", "sslkey", "ssl key"];

    /// <summary>The value to print for the configuration <paramref name="key"/> (<c>IdentityHub:Delivery:Email:0:Password</c>).</summary>
    public static string? Show(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        // A list's items (ApiKeys:0) are named by the list, whose name is plural.
        var parts = key.Split(':');
        var inList = parts[^1].All(char.IsAsciiDigit);
        var name = parts.Reverse().FirstOrDefault(part => !part.All(char.IsAsciiDigit))?.ToLowerInvariant() ?? "";
        if (inList && name.EndsWith('s'))
        {
            name = name[..^1];
        }
        if (key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase) || name.EndsWith("connectionstring", StringComparison.Ordinal))
        {
            return ConnectionString(value);
        }

        if (name == "redis")
        {
            return RedisPassword().Replace(value, "$1" + Hidden);
        }

        if (SecretEndings.Any(ending => name.EndsWith(ending, StringComparison.Ordinal))
            || key.Contains(":Delivery:", StringComparison.OrdinalIgnoreCase) && CredentialNames.Contains(name))
        {
            return Hidden;
        }

        // A password written into an address (https://user:secret@host/) is still a password.
        return UserInfo().Replace(value, "$1" + Hidden + "@");
    }

    /// <summary>A connection string with its password parts hidden; one that cannot be read is hidden whole.</summary>
    public static string ConnectionString(string value)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = value };
            foreach (var part in builder.Keys.Cast<string>().ToList())
            {
                if (SecretParts.Contains(part.ToLowerInvariant()))
                {
                    builder[part] = Hidden;
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return Hidden;
        }
    }

    [GeneratedRegex("((?:^|,)\\s*password\\s*=)[^,]*", RegexOptions.IgnoreCase)]
    private static partial Regex RedisPassword();

    [GeneratedRegex("(://[^/@:\\s]*:)[^/@\\s]*@")]
    private static partial Regex UserInfo();
}
