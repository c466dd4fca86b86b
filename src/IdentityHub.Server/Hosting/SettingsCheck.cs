using IdentityHub.Hosting.Branding;
using IdentityHub.Hosting.Wording;
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
        // Every section is checked, so a plan that got several things wrong reads them all at once.
        var problems = new[]
        {
            Check<IdentityHubOptions>(services),
            Check<WordingOptions>(services),
            Check<BrandingOptions>(services),
            Check<Audit.AuditRetentionOptions>(services),
            Check<Members.RosterOptions>(services),
            Check<IdentityHub.Hosting.Telemetry.TelemetryOptions>(services),
            Check<IdentityHub.Hosting.Telemetry.LogFormatOptions>(services),
        }.OfType<string>().ToList();
        if (problems.Count > 0)
        {
            throw new StartupException(string.Join("; ", problems));
        }
    }

    private static string? Check<TOptions>(IServiceProvider services) where TOptions : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<TOptions>>().Value;
            return null;
        }
        catch (OptionsValidationException exception)
        {
            return exception.Message;
        }
        catch (InvalidOperationException exception) when (exception.InnerException is not null)
        {
            // The binder's message names the key and the value: "Failed to convert configuration
            // value 'ten minutes' at 'IdentityHub:Tokens:AccessTokenLifetime' to type 'System.TimeSpan'."
            return exception.Message;
        }
    }
}
