using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using IdentityHub.Core.Keys;
using IdentityHub.Data;
using IdentityHub.Delivery;
using IdentityHub.Delivery.Smtp;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Hosting;
using IdentityHub.Server.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Commands;

/// <summary>How one check of <c>check</c> ended.</summary>
internal enum CheckStatus
{
    Ok,
    Warn,
    Fail,
}

/// <summary>One line of <c>check</c>'s report.</summary>
internal sealed record CheckLine(CheckStatus Status, string Area, string Message)
{
    public override string ToString() => $"{Status.ToString().ToLowerInvariant(),-4}  {Area,-9} {Message}";
}

/// <summary>
/// <c>check</c>: what a deployment pipeline runs before it sends traffic to a node (O4, O5): the settings are valid,
/// the database answers and its migrations are applied, the keys exist and open with this node's key-ring
/// certificate, and the delivery providers are configured (an SMTP relay is also connected to). One line per check,
/// <c>ok</c>, <c>warn</c> or <c>fail</c>; exit code 1 on any <c>fail</c>. It changes nothing: it neither migrates nor
/// creates keys.
/// </summary>
internal static class CheckCommand
{
    public const string Verb = "check";

    private static readonly TimeSpan SmtpTimeout = TimeSpan.FromSeconds(5);

    public static readonly CommandSpec Spec = new(Verb, "Checks a node before it takes traffic: settings, database and migrations, keys, delivery providers. One line per check; exit code 1 on any fail.")
    {
        Details = """
            Each line starts with ok, warn or fail. It changes nothing: pending migrations are named (a fail when
            IdentityHub:Database:MigrateOnStart is off, a warn when the server would apply them), missing keys are a warn
            (the first node to start creates them), and an SMTP relay is connected to and must greet (220). SMS, voice and
            webhook providers are checked for their settings only.
            """,
    };

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (Spec.Parse(arguments, error) is null)
        {
            return ExitCodes.Usage;
        }

        var lines = new List<CheckLine>();
        void Report(CheckLine line)
        {
            lines.Add(line);
            output.WriteLine(line);
        }

        Report(Settings(services));
        var database = await DatabaseAsync(services);
        database.ForEach(Report);
        if (database.All(line => line.Status != CheckStatus.Fail))
        {
            (await KeysAsync(services)).ForEach(Report);
        }

        foreach (var line in await DeliveryAsync(services))
        {
            Report(line);
        }

        var failed = lines.Count(line => line.Status == CheckStatus.Fail);
        var warned = lines.Count(line => line.Status == CheckStatus.Warn);
        output.WriteLine(failed > 0 ? $"{failed} check(s) failed, {warned} warning(s)." : $"Ready: every check passed, {warned} warning(s).");
        return failed > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }

    /// <summary>When the host cannot even be built (a setting the builder itself reads): the settings line, failed.</summary>
    public static int CannotStart(string message, TextWriter output)
    {
        output.WriteLine(new CheckLine(CheckStatus.Fail, "settings", message));
        output.WriteLine("1 check(s) failed; nothing else can be checked until the settings are right.");
        return ExitCodes.Failure;
    }

    private static CheckLine Settings(IServiceProvider services)
    {
        try
        {
            SettingsCheck.Run(services);
            // Every other section validated at start (delivery channels, rate limits, ...), as the server would.
            services.GetService<IStartupValidator>()?.Validate();
            return new(CheckStatus.Ok, "settings", "every setting is valid.");
        }
        catch (StartupException exception)
        {
            return new(CheckStatus.Fail, "settings", exception.Message);
        }
        catch (OptionsValidationException exception)
        {
            return new(CheckStatus.Fail, "settings", exception.Message);
        }
        catch (InvalidOperationException exception) when (exception.InnerException is not null)
        {
            return new(CheckStatus.Fail, "settings", exception.Message);
        }
        catch (AggregateException exception)
        {
            return new(CheckStatus.Fail, "settings", string.Join("; ", exception.InnerExceptions.Select(inner => inner.Message)));
        }
    }

    private static async Task<List<CheckLine>> DatabaseAsync(IServiceProvider services)
    {
        var migrateOnStart = services.GetRequiredService<IOptions<IdentityHubOptions>>().Value.Database.MigrateOnStart;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        var connection = db.Database.GetDbConnection();
        var where = $"'{connection.Database}' at {connection.DataSource}";
        try
        {
            if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync())
            {
                return migrateOnStart
                    ? [new(CheckStatus.Warn, "database", $"{where} does not exist yet: the server creates and migrates it at start (MigrateOnStart).")]
                    : [new(CheckStatus.Fail, "database", $"{where} does not exist: create it, then run the migrate command.")];
            }

            var applied = (await db.Database.GetAppliedMigrationsAsync()).Count();
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count == 0)
            {
                return [new(CheckStatus.Ok, "database", $"{where} answers; {applied} migration(s) applied, none pending.")];
            }

            var names = string.Join(", ", pending);
            return migrateOnStart
                ? [new(CheckStatus.Warn, "database", $"{where} answers; {pending.Count} migration(s) pending, applied at start (MigrateOnStart): {names}.")]
                : [new(CheckStatus.Fail, "database", $"{where} answers; {pending.Count} migration(s) pending: {names}. Run the migrate command.")];
        }
        catch (Exception exception) when (DatabaseReadiness.IsDatabaseFailure(exception))
        {
            return [new(CheckStatus.Fail, "database", DatabaseReadiness.Explain(db, exception))];
        }
    }

    private static async Task<List<CheckLine>> KeysAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        var material = scope.ServiceProvider.GetRequiredService<KeyMaterial>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        // Not created or not migrated yet (the database line said so): the keys come with the schema.
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            return [new(CheckStatus.Warn, "keys", "cannot be read until the database is migrated; the first node to start then creates them.")];
        }

        var stored = await db.SigningKeys.AsNoTracking().ToListAsync();
        var lines = new List<CheckLine>();
        foreach (var use in Enum.GetValues<KeyUse>())
        {
            var published = stored.Where(key => key.Use == use && key.ToSchedule().IsPublishedAt(now)).ToList();
            var active = published.Where(key => key.ToSchedule().IsActiveAt(now)).MaxBy(key => key.ActivatesAt);
            if (active is null)
            {
                lines.Add(new(CheckStatus.Warn, "keys", $"no {use} key in use yet: the first node to start creates one."));
                continue;
            }

            // A key this node cannot open means a different (or missing) key-ring certificate: it could not sign.
            var unreadable = new List<string>();
            foreach (var key in published)
            {
                try
                {
                    material.Open(key);
                }
                catch (CryptographicException)
                {
                    unreadable.Add(key.Id);
                }
            }

            lines.Add(unreadable.Count > 0
                ? new(CheckStatus.Fail, "keys", $"this node cannot open {use} key(s) {string.Join(", ", unreadable)}: give it the key-ring certificate the other nodes use (IdentityHub:DataProtection:Certificate:*, or PreviousCertificates after a rotation).")
                : new(CheckStatus.Ok, "keys", $"{use} key {active.Id} in use until {active.RetiresAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}; {published.Count} held, each opens with this node's key-ring certificate."));
        }

        return lines;
    }

    private static async Task<List<CheckLine>> DeliveryAsync(IServiceProvider services)
    {
        DeliveryOptions options;
        try
        {
            options = services.GetRequiredService<IOptions<DeliveryOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            return []; // Already a settings failure.
        }

        var development = services.GetRequiredService<IHostEnvironment>().IsDevelopment();
        var lines = new List<CheckLine>();
        if (options.Outbox.Enabled)
        {
            lines.Add(new(development ? CheckStatus.Ok : CheckStatus.Warn, "delivery", $"the development outbox is on: messages are written to files in {options.Outbox.Folder}, not sent."));
        }

        foreach (var (kind, channels) in new[] { ("email", options.Email), ("sms", options.Sms), ("voice", options.Voice) })
        {
            if (channels.Count == 0 && !options.Outbox.Enabled)
            {
                lines.Add(new(CheckStatus.Warn, "delivery", $"no {kind} channel is configured (IdentityHub:Delivery:{char.ToUpperInvariant(kind[0])}{kind[1..]}): {kind} messages cannot be sent."));
            }

            for (var index = 0; index < channels.Count; index++)
            {
                var channel = channels[index];
                var name = string.IsNullOrWhiteSpace(channel.Name) ? $"{kind}-{index}" : channel.Name;
                lines.Add(string.Equals(channel.Type, ChannelTypes.Smtp, StringComparison.OrdinalIgnoreCase)
                    ? await SmtpAsync(name, channel)
                    : new(CheckStatus.Ok, "delivery", $"{name} ({channel.Type}) is configured; it is not contacted (no request that costs nothing)."));
            }
        }

        return lines;
    }

    /// <summary>Connects to the relay and reads its greeting: the cheap proof that it is there and listening.</summary>
    private static async Task<CheckLine> SmtpAsync(string name, ChannelOptions channel)
    {
        var address = $"{channel.Host}:{channel.Port}";
        using var timeout = new CancellationTokenSource(SmtpTimeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(channel.Host!, channel.Port, timeout.Token);
            if (channel.Security == SmtpSecurity.SslOnConnect || channel.Security == SmtpSecurity.Auto && channel.Port == 465)
            {
                // TLS from the first byte: the greeting comes after a handshake this check does not make.
                return new(CheckStatus.Ok, "delivery", $"{name} (SMTP) accepts connections at {address}.");
            }

            using var reader = new StreamReader(client.GetStream());
            var greeting = await reader.ReadLineAsync(timeout.Token);
            return greeting is not null && greeting.StartsWith("220", StringComparison.Ordinal)
                ? new(CheckStatus.Ok, "delivery", $"{name} (SMTP) answers at {address}.")
                : new(CheckStatus.Fail, "delivery", $"{name} (SMTP) at {address} did not greet with 220 ({(greeting is null ? "it closed the connection" : "it said " + greeting[..Math.Min(greeting.Length, 80)])}).");
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            var reason = exception is OperationCanceledException ? $"no answer within {SmtpTimeout.TotalSeconds:0} seconds" : exception.Message;
            return new(CheckStatus.Fail, "delivery", $"{name} (SMTP) cannot be reached at {address}: {reason}.");
        }
    }
}
