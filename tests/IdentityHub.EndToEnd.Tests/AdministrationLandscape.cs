using System.Text.RegularExpressions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>
/// The portal landscape with the admin host (API and console) beside the token server, on its database and
/// email. Three wrong codes lock an account, so that a test locks one quickly.
/// </summary>
public partial class AdministrationLandscape : PortalLandscape
{
    public AdministrationLandscape()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>The same landscape with server settings of its own, which win over the ones here.</summary>
    private protected AdministrationLandscape(IReadOnlyDictionary<string, string?> serverSettings)
        : base(new Dictionary<string, string?>(LockAfterThreeWrongCodes.Concat(serverSettings).GroupBy(setting => setting.Key).Select(group => group.Last())), withAdminHost: true)
    {
    }

    private static readonly Dictionary<string, string?> LockAfterThreeWrongCodes = new()
    {
        ["IdentityHub__Mfa__Codes__MaxFailuresPerAccount"] = "3",
    };

    /// <summary>The link in the newest email to the address that leads to <paramref name="path"/> on the token server.</summary>
    public string EmailedLink(string to, string path)
    {
        var message = Mail.Messages().LastOrDefault(m => m.To.Mailboxes.Any(box => box.Address == to) && (m.TextBody ?? "").Contains(path, StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No email to {to} with a link to {path}. Emails: {string.Join("; ", Mail.Messages().Select(m => $"{m.To} | {m.Subject}"))}");
        return Link().Matches(message.TextBody ?? "").Select(match => match.Value).First(link => link.Contains(path, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
