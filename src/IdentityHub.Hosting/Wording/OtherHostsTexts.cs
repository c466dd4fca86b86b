namespace IdentityHub.Hosting.Wording;

/// <summary>
/// Which keys belong to the other host, so one wording file or one set of settings serves both the token
/// server and the admin host: each host checks its own keys (a mistyped one stops it) and leaves the other's
/// to the other host. The admin console's keys start with "Console"; every other key is the token server's.
/// </summary>
public sealed record OtherHostsTexts(Func<string, bool> Owns)
{
    public const string ConsolePrefix = "Console";

    /// <summary>For the token server: the console's keys are the admin host's.</summary>
    public static OtherHostsTexts Console { get; } = new(key => key.StartsWith(ConsolePrefix, StringComparison.Ordinal));

    /// <summary>For the admin host: every key but the console's is the token server's.</summary>
    public static OtherHostsTexts TokenServer { get; } = new(key => !key.StartsWith(ConsolePrefix, StringComparison.Ordinal));
}
