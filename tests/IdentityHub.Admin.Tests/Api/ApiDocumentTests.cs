using System.Net;
using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace IdentityHub.Admin.Tests.Api;

/// <summary>The OpenAPI document describes every endpoint, its problems included, and the reference page serves it.</summary>
public sealed class ApiDocumentTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    private static readonly string[] Changes = ["put", "post", "patch", "delete"];

    [Fact]
    public async Task The_document_is_valid_openapi_3_1_and_every_operation_names_its_problems()
    {
        var response = await hosts.Api(accessToken: null).GetAsync("/api/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var read = await OpenApiDocument.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic?.SpecificationVersion);

        var json = JsonDocument.Parse(text).RootElement;
        Assert.True(json.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("identityhub", out _));
        var operations = 0;
        foreach (var path in json.GetProperty("paths").EnumerateObject())
        {
            Assert.StartsWith("/api/v1/", path.Name, StringComparison.Ordinal);
            foreach (var operation in path.Value.EnumerateObject())
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                Assert.True(operation.Value.TryGetProperty("operationId", out _), name + " has no operationId");
                Assert.True(operation.Value.TryGetProperty("summary", out _), name + " has no summary");
                var responses = operation.Value.GetProperty("responses");
                var codes = responses.EnumerateObject().Select(code => code.Name).ToHashSet();
                Assert.Contains(codes, code => code.StartsWith('2'));
                Assert.Contains("401", codes);
                Assert.Contains("403", codes);
                if (path.Name.Contains("{id}", StringComparison.Ordinal))
                {
                    Assert.True(codes.Contains("404"), name + " does not document 404");
                }

                // A change to something that exists names its version; adding a new thing under it (201) has none to name.
                if (Changes.Contains(operation.Name) && path.Name.Contains("{id}", StringComparison.Ordinal) && !codes.Contains("201"))
                {
                    Assert.True(codes.Contains("412") && codes.Contains("428"), name + " does not document 412 and 428");
                }

                foreach (var problem in responses.EnumerateObject().Where(code => code.Name[0] is '4' or '5'))
                {
                    Assert.True(
                        problem.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _),
                        $"{name} {problem.Name} is not described as problem details");
                }
            }
        }

        Assert.True(operations >= 13, $"only {operations} operations are documented");
    }

    [Fact]
    public async Task The_reference_page_is_served_without_a_token()
    {
        var api = hosts.Api(accessToken: null);
        var response = await api.GetAsync("/api/reference/");

        var html = await response.Content.ReadAsStringAsync();

        Assert.True(HttpStatusCode.OK == response.StatusCode, $"{(int)response.StatusCode} at {response.RequestMessage?.RequestUri}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("IdentityHub administration API", html, StringComparison.Ordinal);
    }
}
