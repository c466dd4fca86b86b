using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IdentityHub.Administration;
using IdentityHub.Administration.Clients;
using IdentityHub.Core.Secrets;
using IdentityHub.Server.Audit;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Connect.Registration;

/// <summary>
/// Dynamic client registration (RFC 7591) at <c>/connect/register</c>, guarded by the initial access tokens platform
/// administrators issue, and client configuration management (RFC 7592) at <c>/connect/register/{client_id}</c> with
/// the registration access token each registration returns. The same rules as the admin API apply, plus the
/// initial access token's policy. Errors are RFC 7591's: <c>invalid_redirect_uri</c>, <c>invalid_client_metadata</c>,
/// and 401 <c>invalid_token</c>.
/// </summary>
internal static class RegistrationEndpoint
{
    public const string Path = "/connect/register";
    private const int MaxBody = 64 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapRegistration(this RouteGroupBuilder connect)
    {
        connect.MapPost("/register", RegisterAsync);
        connect.MapGet("/register/{clientId}", ReadAsync);
        connect.MapPut("/register/{clientId}", UpdateAsync);
        connect.MapDelete("/register/{clientId}", DeleteAsync);
    }

    private static async Task<IResult> RegisterAsync(
        HttpContext http, InitialAccessTokens tokens, ClientRegistry registry, AuditLog audit)
    {
        var (metadata, _, unreadable) = await ReadMetadataAsync(http);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (await tokens.RedeemAsync(BearerToken(http), http.RequestAborted) is not { } initial)
        {
            return InvalidToken("Send a valid initial access token as a Bearer token; ask the plan's platform administrators for one.");
        }

        var policy = RegistrationPolicy.FromJson(initial.Policy);
        var clientId = "app-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        var (definition, problem) = await CheckAsync(metadata!, policy, registry, clientId, http.RequestAborted);
        if (definition is null)
        {
            return problem!;
        }

        var registrationToken = "rat_" + BearerSecrets.New(32);
        var record = new RegistrationRecord(BearerSecrets.Hash(registrationToken), initial.Id, initial.Policy);
        var (application, secret) = await registry.RegisterAsync(clientId, definition, ClientOrigins.Dynamic,
            descriptor => descriptor.Properties[ClientDescriptors.RegistrationProperty] = record.ToJson(), http.RequestAborted);
        await audit.RecordAsync("client.registered", "succeeded", userId: null, clientId, $"{definition.DisplayName}; initial access token {initial.Id}; {definition.AuthMethod}; {string.Join(' ', definition.GrantTypes)}");
        return Results.Json(await ResponseAsync(http, registry, application, secret, registrationToken), Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReadAsync(HttpContext http, string clientId, IOpenIddictApplicationManager applications, ClientRegistry registry)
    {
        if (await AuthorizedAsync(http, clientId, applications) is not { } found)
        {
            return InvalidToken("Send this client's registration access token as a Bearer token.");
        }

        return Results.Json(await ResponseAsync(http, registry, found.Application, secret: null, registrationToken: null), Json);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, string clientId, IOpenIddictApplicationManager applications, ClientRegistry registry, AuditLog audit)
    {
        if (await AuthorizedAsync(http, clientId, applications) is not { } found)
        {
            return InvalidToken("Send this client's registration access token as a Bearer token.");
        }

        var (metadata, named, unreadable) = await ReadMetadataAsync(http);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (named is not null && named != clientId)
        {
            return Error("invalid_client_metadata", "client_id in the body must be this client's id.");
        }

        var (definition, problem) = await CheckAsync(metadata!, RegistrationPolicy.FromJson(found.Record.Policy), registry, clientId, http.RequestAborted);
        if (definition is null)
        {
            return problem!;
        }

        var secret = await registry.ReplaceAsync(found.Application, definition, http.RequestAborted);
        await audit.RecordAsync("client.updated", "succeeded", userId: null, clientId, $"{definition.DisplayName}; by its registration access token; {definition.AuthMethod}; {string.Join(' ', definition.GrantTypes)}");
        return Results.Json(await ResponseAsync(http, registry, found.Application, secret, registrationToken: null), Json);
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string clientId, IOpenIddictApplicationManager applications, AuditLog audit)
    {
        if (await AuthorizedAsync(http, clientId, applications) is not { } found)
        {
            return InvalidToken("Send this client's registration access token as a Bearer token.");
        }

        await applications.DeleteAsync(found.Application, http.RequestAborted);
        await audit.RecordAsync("client.deleted", "succeeded", userId: null, clientId, "by its registration access token");
        return Results.NoContent();
    }

    private static async Task<(ClientDefinition? Definition, IResult? Problem)> CheckAsync(ClientMetadata metadata, RegistrationPolicy policy, ClientRegistry registry, string clientId, CancellationToken cancellationToken)
    {
        var problems = new FieldProblems();
        // Member sign-up (A15) is the plan's decision, never an integrator's: whatever is asked, it stays off (decision 0041).
        var asked = metadata with { ConsentRequired = policy.ConsentRequired || (metadata.ConsentRequired ?? true), AllowSelfRegistration = false };
        var definition = ClientMetadataRules.Check(asked, await registry.ApiScopesAsync(cancellationToken), problems, clientId, await registry.SmartScopesAsync(cancellationToken));
        if (definition is not null)
        {
            policy.Enforce(definition, problems);
        }

        if (!problems.Any)
        {
            return (definition, null);
        }

        var found = problems.ToDictionary();
        return (null, Error(ClientMetadataRules.ErrorCode(found), ClientMetadataRules.Describe(found)));
    }

    private static async Task<(object Application, RegistrationRecord Record)?> AuthorizedAsync(HttpContext http, string clientId, IOpenIddictApplicationManager applications)
    {
        var token = BearerToken(http);
        if (token is null || !ClientIds.IsPlausible(clientId) || await applications.FindByClientIdAsync(clientId, http.RequestAborted) is not { } application
            || RegistrationRecord.From(await applications.GetPropertiesAsync(application, http.RequestAborted)) is not { } record)
        {
            return null;
        }

        var presented = Encoding.ASCII.GetBytes(BearerSecrets.Hash(token));
        return CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(record.TokenHash)) ? (application, record) : null;
    }

    /// <summary>The metadata of the body, and the <c>client_id</c> it names (RFC 7592 updates repeat it).</summary>
    private static async Task<(ClientMetadata? Metadata, string? ClientId, IResult? Problem)> ReadMetadataAsync(HttpContext http)
    {
        if (http.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, Error("invalid_client_metadata", "Send the client metadata as a JSON object (Content-Type: application/json)."));
        }

        if (http.Request.ContentLength > MaxBody)
        {
            return (null, null, Error("invalid_client_metadata", $"The metadata can be at most {MaxBody} bytes."));
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, Error("invalid_client_metadata", "The metadata must be a JSON object."));
            }

            var named = document.RootElement.TryGetProperty("client_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            return (document.RootElement.Deserialize<ClientMetadata>(Json), named, null);
        }
        catch (JsonException exception)
        {
            return (null, null, Error("invalid_client_metadata", $"The metadata is not valid JSON or a field has the wrong type ({exception.Path ?? "body"})."));
        }
    }

    private static async Task<Dictionary<string, object?>> ResponseAsync(HttpContext http, ClientRegistry registry, object application, string? secret, string? registrationToken)
    {
        var view = await registry.ViewAsync(application, http.RequestAborted);
        var response = JsonSerializer.SerializeToElement(view.Metadata, Json).EnumerateObject()
            .Where(property => property.Value.ValueKind != JsonValueKind.Null)
            .ToDictionary(property => property.Name, property => (object?)property.Value);
        response["client_id"] = view.ClientId;
        response["registration_client_uri"] = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Path}/{Uri.EscapeDataString(view.ClientId)}";
        if (secret is not null)
        {
            response["client_secret"] = secret;
            response["client_secret_expires_at"] = 0;
        }

        if (registrationToken is not null)
        {
            response["registration_access_token"] = registrationToken;
        }

        return response;
    }

    private static string? BearerToken(HttpContext http) =>
        http.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7
            ? header[7..].Trim()
            : null;

    private static InvalidTokenResult InvalidToken(string description) => new(description);

    private static IResult Error(string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: StatusCodes.Status400BadRequest);

    private sealed class InvalidTokenResult(string description) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Results.Json(new { error = "invalid_token", error_description = description }, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(httpContext);
        }
    }
}
