using System.Globalization;
using IdentityHub.Core.Keys;
using IdentityHub.Data;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Hosting;
using IdentityHub.Server.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>rotate-keys [--now]</c>: brings the next rotation of the signing keys (RS256, PS256, ES256; decision 0043) forward (P8). Without <c>--now</c> the usual
/// publish-ahead rule holds: the new key is in JWKS at once and signs only after <c>Keys:PublishAhead</c>, so portals
/// that cache JWKS know it first. <c>--now</c> is for a suspected compromise: every kind of key is replaced at once
/// and the old ones withdrawn, so tokens they signed or protected stop working (docs/security.md).
/// </summary>
internal static class RotateKeysCommand
{
    public const string Verb = "rotate-keys";

    public static readonly CommandSpec Spec = new(Verb, "Rotates the signing keys (RS256, PS256, ES256) now: the new keys are published in JWKS at once and sign after IdentityHub:Keys:PublishAhead.")
    {
        Options = [new("--now", null, "Suspected compromise only: replace every key at once and withdraw the old ones (tokens they signed stop validating).")],
        Details = """
            Without --now, each algorithm's current key keeps signing until its new one takes over and stays in JWKS
            until the tokens it signed have expired; when a successor is already published, nothing changes. Every node picks the change up
            within IdentityHub:Keys:RefreshInterval. With --now, the signing, encryption and server-signing keys are all
            replaced: access and ID tokens fail at portals as soon as they fetch JWKS again, and authorization codes and
            refresh tokens no longer open, so people sign in again (docs/security.md#rotating-the-signing-keys).
            """,
    };

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (Spec.Parse(arguments, error) is not { } parsed)
        {
            return ExitCodes.Usage;
        }

        if (await ServerDatabase.PrepareAsync(services) is { } notReady)
        {
            error.WriteLine(notReady);
            return ExitCodes.Failure;
        }

        var immediately = parsed.Has("--now");
        await using var scope = services.CreateAsyncScope();
        IReadOnlyList<KeyRotationOutcome> outcomes;
        try
        {
            outcomes = await scope.ServiceProvider.GetRequiredService<KeyRotationNow>().RotateAsync(
                immediately ? Enum.GetValues<KeyUse>() : TokenSigningAlgorithms.KeyUses, immediately);
        }
        catch (DbUpdateException)
        {
            // The unique index on (use, activation): another node created a key at the same moment.
            error.WriteLine("Another node changed the keys at the same moment; run the command again.");
            return ExitCodes.Failure;
        }
        catch (Exception exception) when (DatabaseReadiness.IsDatabaseFailure(exception))
        {
            error.WriteLine(DatabaseReadiness.Explain(scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>(), exception));
            return ExitCodes.Failure;
        }

        foreach (var outcome in outcomes)
        {
            output.WriteLine(Describe(outcome));
        }

        var refresh = services.GetRequiredService<IOptions<IdentityHubOptions>>().Value.Keys.RefreshInterval;
        output.WriteLine($"Every node picks the change up within IdentityHub:Keys:RefreshInterval ({refresh.ToString("c", CultureInfo.InvariantCulture)}).");
        var detail = string.Join("; ", outcomes.Select(outcome => outcome.Created is { } created ? $"{outcome.Use} key {created.KeyId} from {Time(created.ActivatesAt)}" : $"{outcome.Use} unchanged"));
        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(
            immediately ? "keys.replaced" : "keys.rotated", "succeeded", userId: null,
            detail: $"{detail} by the {Verb} command ({Environment.UserName})");
        return ExitCodes.Ok;
    }

    private static string Describe(KeyRotationOutcome outcome)
    {
        var name = outcome.Use switch
        {
            KeyUse.Encryption => "encryption key",
            KeyUse.ServerSigning => "server-signing key",
            var signing => $"{TokenSigningAlgorithms.AlgorithmOf(signing)} signing key",
        };
        if (outcome.Created is not { } created)
        {
            var pending = outcome.Pending!;
            return $"The next {name} {pending.KeyId} is already published and signs from {Time(pending.ActivatesAt)}: nothing changed.";
        }

        if (outcome.Withdrawn.Count > 0 || created.ActivatesAt == created.PublishedAt)
        {
            var withdrawn = outcome.Withdrawn.Count == 0 ? "none" : string.Join(", ", outcome.Withdrawn.Select(key => key.KeyId));
            return $"Replaced the {name}: {created.KeyId} is in use now; withdrawn: {withdrawn}.";
        }

        var retiring = outcome.Retiring is { } old
            ? $", when {old.KeyId} retires (it stays in JWKS until {Time(old.ExpiresAt)}, after the tokens it signed expire)"
            : "";
        return $"Published {name} {created.KeyId} in JWKS now; it signs from {Time(created.ActivatesAt)}{retiring}.";
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
}
