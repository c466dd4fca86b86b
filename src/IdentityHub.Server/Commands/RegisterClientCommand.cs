using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IdentityHub.Administration;
using IdentityHub.Administration.Clients;
using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Server.Hosting;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>register-client &lt;file.json&gt; [--client-id ID] [--update]</c>: registers a client (or replaces its
/// registration) from an RFC 7591 metadata document, through the admin API's own rules and registry (O5, D10): the
/// same checks, the same stored form, the same audit event, with the command line as the platform administrator.
/// Prints the client id and, once, a generated secret. Exit codes: 0 registered; 1 refused (each problem on its own
/// line, naming the field; the database not ready); 2 wrong usage.
/// </summary>
internal static class RegisterClientCommand
{
    public const string Verb = "register-client";

    /// <summary>The audit log's actor for changes made from the command line: no person's user id, so the OS user is named.</summary>
    public static string Actor => $"command-line:{Environment.UserName}";

    public static readonly CommandSpec Spec = new(Verb, "Registers a client from an RFC 7591 client metadata document (JSON), with the admin API's rules; prints its id and, once, its secret.")
    {
        Arguments = [new("file.json", "The client's metadata: client_name, redirect_uris, grant_types, token_endpoint_auth_method, scope, ... (docs/clients.md).")],
        Options =
        [
            new("--client-id", "id", "The client id to register (or to replace with --update); default: client_id in the document, else a generated one."),
            new("--update", null, "Replace the registration of an existing client (every field: what is left out returns to its default). Its secret stays."),
        ],
        Details = "Each problem with the document is printed on its own line, naming the field, and nothing is saved (exit code 1).",
    };

    // As the admin API reads bodies: web names, and a field it does not know is refused rather than ignored.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (Spec.Parse(arguments, error) is not { } parsed)
        {
            return ExitCodes.Usage;
        }

        var path = parsed.Positional[0];
        if (await ReadAsync(path, error) is not { } document)
        {
            return ExitCodes.Failure;
        }

        var clientId = parsed.Value("--client-id")?.Trim() ?? document.ClientId;
        var update = parsed.Has("--update");
        if (update && string.IsNullOrEmpty(clientId))
        {
            return Spec.UsageError(error, "--update needs the client: give --client-id or client_id in the document.");
        }

        if (await ServerDatabase.PrepareAsync(services) is { } notReady)
        {
            error.WriteLine(notReady);
            return ExitCodes.Failure;
        }

        await using var scope = services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ClientRegistry>();
        var caller = new AdminCaller(Actor, AdministrativeRole.PlatformAdministrator, OrganizationId: null);
        AdminResult<ClientView> result;
        try
        {
            result = update
                ? await registry.FindAsync(caller, clientId!) is { } current
                    ? await registry.UpdateAsync(caller, clientId!, current.Version, document.Metadata)
                    : new AdminResult<ClientView>.NotFound()
                : await registry.CreateAsync(caller, document.Metadata, clientId);
        }
        catch (Exception exception) when (DatabaseReadiness.IsDatabaseFailure(exception))
        {
            error.WriteLine(DatabaseReadiness.Explain(scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>(), exception));
            return ExitCodes.Failure;
        }

        switch (result)
        {
            case AdminResult<ClientView>.Done done:
                var view = done.Value;
                output.WriteLine($"{(update ? "Updated" : "Registered")} client {view.ClientId} ({view.Metadata.ClientName ?? view.ClientId}); audit reference {done.Reference}.");
                if (view.ClientSecret is { } secret)
                {
                    output.WriteLine($"Client secret: {secret}");
                    output.WriteLine("It is shown only this once: give it to the portal's operators over a trusted channel. The server keeps only a hash.");
                }

                return ExitCodes.Ok;
            case AdminResult<ClientView>.Invalid invalid:
                foreach (var (field, problems) in invalid.Problems)
                {
                    foreach (var problem in problems)
                    {
                        error.WriteLine($"{field}: {problem}{(field == "client_id" && !update ? " To replace an existing client, add --update." : "")}");
                    }
                }

                return ExitCodes.Failure;
            case AdminResult<ClientView>.Stale:
                error.WriteLine($"Client {clientId} was changed by someone else at the same moment; run the command again.");
                return ExitCodes.Failure;
            default:
                error.WriteLine($"No client is registered as '{clientId}'; leave out --update to register it.");
                return ExitCodes.Failure;
        }
    }

    private sealed record Document(ClientMetadata Metadata, string? ClientId);

    /// <summary>The metadata in the file, or null after one line per problem (the file, the JSON, a field's type).</summary>
    private static async Task<Document?> ReadAsync(string path, TextWriter error)
    {
        if (Directory.Exists(path) || !File.Exists(path))
        {
            error.WriteLine(Directory.Exists(path) ? $"{path} is a folder, not a JSON file." : $"There is no file {path}.");
            return null;
        }

        JsonObject root;
        try
        {
            var node = JsonNode.Parse(await File.ReadAllTextAsync(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (node is not JsonObject json)
            {
                error.WriteLine($"{path}: the document must be a JSON object of client metadata ({{ \"client_name\": ..., \"redirect_uris\": [...] }}).");
                return null;
            }

            root = json;
        }
        catch (JsonException exception)
        {
            error.WriteLine($"{path}: not valid JSON (line {exception.LineNumber + 1}, position {exception.BytePositionInLine + 1}).");
            return null;
        }

        // A registration response (or a copy of one) names its client; the id is not metadata.
        string? clientId = null;
        if (root.Remove("client_id", out var id))
        {
            if (id is not JsonValue value || !value.TryGetValue(out clientId))
            {
                error.WriteLine("client_id: must be a string.");
                return null;
            }
        }

        try
        {
            return new Document(root.Deserialize<ClientMetadata>(Json)!, clientId);
        }
        catch (JsonException exception)
        {
            error.WriteLine($"{FieldOf(exception)}: {(exception.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "is not a client metadata field IdentityHub knows; check its spelling." : "this value has the wrong type; check the field's type in docs/clients.md.")}");
            return null;
        }
    }

    /// <summary>"$.redirect_uris[0]" → "redirect_uris"; an unknown member's name from the message.</summary>
    private static string FieldOf(JsonException exception)
    {
        var path = exception.Path?.TrimStart('$', '.') ?? "";
        if (path.Length == 0 && exception.Message.Split('\'') is [_, var member, ..])
        {
            return member;
        }

        var end = path.IndexOfAny(['[', '.']);
        return end > 0 ? path[..end] : path.Length > 0 ? path : "document";
    }
}
