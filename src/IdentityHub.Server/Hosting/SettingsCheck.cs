using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// Binds and validates the settings before the host starts, so that a bad value stops the process
/// with one plain line naming the key, not a logged stack trace.
/// </summary>
internal static class SettingsCheck
{
    public static void Run(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<IdentityHubOptions>>().Value;
        }
        catch (InvalidOperationException exception) when (exception.InnerException is not null)
        {
            // The binder's message names the key and the value: "Failed to convert configuration
            // value 'ten minutes' at 'IdentityHub:Tokens:AccessTokenLifetime' to type 'System.TimeSpan'."
            throw new StartupException(exception.Message);
        }
    }
}
