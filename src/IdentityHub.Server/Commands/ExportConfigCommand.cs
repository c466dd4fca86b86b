using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>export-config</c>: prints, as JSON, the settings this node would run with (the <c>IdentityHub</c> section and the
/// connection strings, merged from every source: files, environment variables, arguments), with every secret masked
/// (<see cref="SecretMask"/>), so that two nodes can be compared or a deployment reviewed without handing out secrets.
/// Values are shown as configured (strings); a key that is absent takes its documented default.
/// </summary>
internal static class ExportConfigCommand
{
    public const string Verb = "export-config";

    public static readonly CommandSpec Spec = new(Verb, "Prints the settings this node would run with (the IdentityHub section and the connection strings) as JSON, secrets masked.")
    {
        Details = """
            Passwords, client secrets, SMTP and SMS credentials, certificate passwords and every key whose name ends in
            Secret, Password, Key or Token are shown as ********; connection strings keep their host, port and database.
            Only values that are set appear: an absent key takes its default (docs/configuration.md). It runs even when a
            value is wrong, so that the wrong value can be seen.
            """,
    };

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Shown to people: "<" and "+" as themselves, not \u003C.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(IServiceProvider services, TextWriter output)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var environment = services.GetRequiredService<IHostEnvironment>();
        var root = new JsonObject
        {
            ["Environment"] = environment.EnvironmentName,
            ["ConnectionStrings"] = Node(configuration.GetSection("ConnectionStrings")) ?? new JsonObject(),
            ["IdentityHub"] = Node(configuration.GetSection("IdentityHub")) ?? new JsonObject(),
        };
        output.WriteLine(root.ToJsonString(Indented));
        return ExitCodes.Ok;
    }

    /// <summary>A section as JSON: an object, an array when its keys are 0, 1, 2..., or a (masked) string.</summary>
    private static JsonNode? Node(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value is null ? null : JsonValue.Create(SecretMask.Show(section.Path, section.Value));
        }

        if (children.Select((child, index) => child.Key == index.ToString(System.Globalization.CultureInfo.InvariantCulture)).All(matches => matches))
        {
            return new JsonArray([.. children.Select(Node)]);
        }

        var json = new JsonObject();
        foreach (var child in children.OrderBy(child => child.Key, StringComparer.OrdinalIgnoreCase))
        {
            json[child.Key] = Node(child);
        }

        return json;
    }
}
