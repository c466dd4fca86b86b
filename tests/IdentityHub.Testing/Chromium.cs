namespace IdentityHub.Testing;

/// <summary>Debian's Chromium, which the browser tests drive (never a downloaded browser).</summary>
public static class Chromium
{
    public const string EnvironmentVariable = "IDENTITYHUB_CHROMIUM";

    public static string ExecutablePath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable(EnvironmentVariable);
            path = string.IsNullOrWhiteSpace(path) ? "/usr/bin/chromium" : path;
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException(
                    $"Chromium not found at {path}. Install it (apt-get install chromium) or set {EnvironmentVariable}; ./build.sh test installs it.");
        }
    }
}
