using Microsoft.AspNetCore.WebUtilities;

namespace IdentityHub.Server.SignIn;

/// <summary>
/// The one reading of the return URLs pages pass around: only a path on this server is followed, and
/// the parameters of the protocol request it points at are read from it here.
/// </summary>
public static class ReturnUrls
{
    public const string AuthorizationPath = "/connect/authorize";
    public const string EndSessionPath = "/connect/endsession";

    /// <summary>
    /// Whether <paramref name="url"/> is a path on this server: it starts with one slash (not "//" or "/\",
    /// which browsers read as another host) and holds no control characters.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    /// <summary>The URL when it is local, else the home page.</summary>
    public static string LocalOrHome(string? url) => IsLocal(url) ? url! : "/";

    /// <summary>Whether the URL is a local request to the protocol endpoint at <paramref name="path"/> (with its query).</summary>
    public static bool IsRequestTo(string? url, string path) =>
        IsLocal(url) && url!.StartsWith(path, StringComparison.OrdinalIgnoreCase)
        && (url.Length == path.Length || url[path.Length] == '?');

    /// <summary>A parameter of the authorization request the URL points at; null when it is not one or lacks it.</summary>
    public static string? AuthorizationParameter(string? url, string name) => Parameter(url, AuthorizationPath, name);

    /// <summary>A parameter of the end-session request the URL points at; null when it is not one or lacks it.</summary>
    public static string? EndSessionParameter(string? url, string name) => Parameter(url, EndSessionPath, name);

    private static string? Parameter(string? url, string path, string name)
    {
        if (!IsRequestTo(url, path))
        {
            return null;
        }

        var query = url!.IndexOf('?', StringComparison.Ordinal);
        var value = query < 0 ? "" : QueryHelpers.ParseQuery(url[query..]).GetValueOrDefault(name).ToString();
        return value.Length > 0 ? value : null;
    }
}
