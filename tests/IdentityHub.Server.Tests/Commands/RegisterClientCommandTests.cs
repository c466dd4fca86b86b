using System.Net;
using IdentityHub.Administration;
using IdentityHub.Administration.Clients;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Commands;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Commands;

/// <summary>
/// <c>register-client</c> (O5, D10): an RFC 7591 document registers a client through the admin API's rules and
/// registry, audited as the command line; the secret is printed once and works at the token endpoint.
/// </summary>
public sealed class RegisterClientCommandTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("identityhub-clients-").FullName;

    [Fact]
    public async Task A_document_registers_a_client_whose_printed_secret_gets_tokens()
    {
        var id = NewName("claims-api");
        var file = await WriteAsync("client.json", $$"""
            {
              "client_id": "{{id}}",
              "client_name": "Claims integration",
              "grant_types": ["client_credentials"],
              "token_endpoint_auth_method": "client_secret_post",
              "scope": "{{TestClients.ApiScope}}"
            }
            """);

        var run = await RunAsync(file);

        Assert.True(run.Exit == 0, run.Error);
        Assert.StartsWith($"Registered client {id} (Claims integration); audit reference ", run.Output, StringComparison.Ordinal);
        var secret = SecretIn(run.Output);
        Assert.Equal(2, run.Output.Split(secret).Length);
        var tokens = await TokenClient.For(app, id, secret).ClientCredentialsAsync(TestClients.ApiScope);
        Assert.Equal(HttpStatusCode.OK, tokens.EnsureSuccess().Status);
        var audit = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Event == "client.created" && e.Detail!.StartsWith(id + " ")));
        Assert.Equal(RegisterClientCommand.Actor, audit.ActorId);
        Assert.DoesNotContain(secret, audit.Detail!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_replaces_the_registration_and_keeps_the_secret()
    {
        var id = NewName("portal");
        var created = await RunAsync(await WriteAsync("portal.json", Portal("Member portal")), "--client-id", id);
        Assert.True(created.Exit == 0, created.Error);
        var secret = SecretIn(created.Output);

        var taken = await RunAsync(await WriteAsync("again.json", Portal("Member portal")), "--client-id", id);
        Assert.Equal(1, taken.Exit);
        Assert.StartsWith("client_id: ", taken.Error, StringComparison.Ordinal);
        Assert.Contains("add --update", taken.Error, StringComparison.Ordinal);

        var updated = await RunAsync(await WriteAsync("renamed.json", Portal("Member portal (new name)")), "--client-id", id, "--update");

        Assert.True(updated.Exit == 0, updated.Error);
        Assert.Equal($"Updated client {id} (Member portal (new name))", updated.Output.Split(';')[0]);
        Assert.DoesNotContain("Client secret:", updated.Output, StringComparison.Ordinal);
        var view = await ViewAsync(id);
        Assert.Equal("Member portal (new name)", view!.Metadata.ClientName);
        var tokens = await TokenClient.For(app, id, secret).ClientCredentialsAsync(TestClients.ApiScope);
        Assert.Equal(HttpStatusCode.OK, tokens.EnsureSuccess().Status);
    }

    [Fact]
    public async Task Metadata_against_the_rules_is_one_line_per_problem_naming_the_field_and_nothing_is_saved()
    {
        var id = NewName("bad");
        var file = await WriteAsync("bad.json", $$"""
            {
              "client_id": "{{id}}",
              "grant_types": ["authorization_code", "password"],
              "redirect_uris": ["http://portal.example/callback"],
              "token_endpoint_auth_method": "client_secret_jwt"
            }
            """);

        var run = await RunAsync(file);

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Output);
        var lines = run.Error.Trim().Split(Environment.NewLine);
        Assert.Contains(lines, line => line.StartsWith("grant_types: 'password' is not supported", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("redirect_uris: ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("token_endpoint_auth_method: 'client_secret_jwt' is not supported", StringComparison.Ordinal));
        Assert.Null(await ViewAsync(id));
    }

    [Theory]
    [InlineData("{ \"client_name\": \"Portal\", ", "not valid JSON (line 1")]
    [InlineData("[\"https://portal.example/callback\"]", "the document must be a JSON object")]
    [InlineData("{ \"client_name\": \"Portal\", \"redirect_uris\": \"https://portal.example/callback\" }", "redirect_uris: this value has the wrong type")]
    [InlineData("{ \"client_name\": \"Portal\", \"redirect_uri\": [\"https://portal.example/callback\"] }", "redirect_uri: is not a client metadata field IdentityHub knows")]
    [InlineData("{ \"client_id\": 7 }", "client_id: must be a string.")]
    public async Task A_document_that_cannot_be_read_is_one_line_naming_the_problem(string json, string problem)
    {
        var run = await RunAsync(await WriteAsync("unreadable.json", json));

        Assert.Equal(1, run.Exit);
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Update_of_a_client_that_does_not_exist_is_refused()
    {
        var run = await RunAsync(await WriteAsync("ghost.json", Portal("Ghost")), "--client-id", NewName("ghost"), "--update");

        Assert.Equal(1, run.Exit);
        Assert.Contains("leave out --update to register it", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Portal(string name) => $$"""
        {
          "client_name": "{{name}}",
          "grant_types": ["authorization_code", "refresh_token", "client_credentials"],
          "redirect_uris": ["https://member.portal.example/signin-oidc"],
          "token_endpoint_auth_method": "client_secret_post",
          "scope": "openid profile offline_access {{TestClients.ApiScope}}"
        }
        """;

    private static string SecretIn(string output)
    {
        const string Label = "Client secret: ";
        var line = output.Split('\n').Single(line => line.StartsWith(Label, StringComparison.Ordinal));
        return line[Label.Length..].Trim();
    }

    private async Task<ClientView?> ViewAsync(string clientId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ClientRegistry>().FindAsync(new AdminCaller("test", AdministrativeRole.PlatformAdministrator, null), clientId);
    }

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(string file, params string[] options)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await RegisterClientCommand.RunAsync(app.Services, [file, .. options], output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
