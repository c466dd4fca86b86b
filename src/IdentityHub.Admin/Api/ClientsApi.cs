using IdentityHub.Admin.Access;
using IdentityHub.Administration.Clients;

namespace IdentityHub.Admin.Api;

/// <summary>
/// <c>/api/v1/clients</c> and <c>/api/v1/initial-access-tokens</c>: the portals, APIs and apps that may use the
/// token server (P6, P7), registered by the plan's platform administrators, and the tokens that let integrators
/// register their own through dynamic registration (RFC 7591). Registrations use RFC 7591's metadata names.
/// </summary>
internal static class ClientsApi
{
    public static void MapClients(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Clients");

        clients.MapGet("/", ListAsync)
            .WithName("ListClients")
            .WithSummary("List registered clients")
            .Produces<IReadOnlyList<ClientSummary>>();

        clients.MapGet("/{clientId}", FindAsync)
            .WithName("GetClient")
            .WithSummary("Read one client's registration")
            .Produces<ClientView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapPost("/", CreateAsync)
            .WithName("CreateClient")
            .WithSummary("Register a client")
            .WithDescription("Platform administrators only. The body is RFC 7591 client metadata (client_name, redirect_uris, grant_types, token_endpoint_auth_method, scope, jwks, ...) plus IdentityHub's policy fields; ?clientId= chooses the id. A client that uses a secret gets one generated: it is in this answer only.")
            .Produces<Outcome<ClientView>>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        clients.MapPut("/{clientId}", UpdateAsync)
            .WithName("UpdateClient")
            .WithSummary("Replace a client's registration")
            .WithDescription("Platform administrators only; send the ETag in If-Match. Fields left out return to their defaults. The secret stays.")
            .Produces<Outcome<ClientView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        clients.MapDelete("/{clientId}", DeleteAsync)
            .WithName("DeleteClient")
            .WithSummary("Delete a client")
            .WithDescription("Platform administrators only; send the ETag in If-Match. Its tokens stop working at their next use.")
            .Produces<Outcome<ClientView>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        clients.MapPost("/{clientId}/secret", RotateAsync)
            .WithName("RotateClientSecret")
            .WithSummary("Issue a new client secret")
            .WithDescription("Platform administrators only. The new secret is in this answer only; the previous one keeps working for overlap_seconds (default 7 days, at most 30).")
            .Produces<Outcome<ClientView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var tokens = api.MapGroup("/initial-access-tokens").WithTags("Clients");

        tokens.MapGet("/", ListTokensAsync)
            .WithName("ListInitialAccessTokens")
            .WithSummary("List initial access tokens for dynamic registration")
            .Produces<IReadOnlyList<InitialAccessTokenView>>();

        tokens.MapPost("/", IssueAsync)
            .WithName("IssueInitialAccessToken")
            .WithSummary("Issue an initial access token")
            .WithDescription("Platform administrators only. The token is in this answer only. An integrator sends it as a Bearer token to the token server's registration endpoint; registrations must fit its policy.")
            .Produces<Outcome<InitialAccessTokenView>>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        tokens.MapPost("/{tokenId}/revoke", RevokeAsync)
            .WithName("RevokeInitialAccessToken")
            .WithSummary("Revoke an initial access token")
            .WithDescription("Clients already registered with it stay. Revoking is idempotent, so it needs no version.")
            .Produces<Outcome<InitialAccessTokenView>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(ApiCaller caller, ClientRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.ListAsync(caller, cancellationToken));

    private static async Task<IResult> FindAsync(ApiCaller caller, ClientRegistry registry, string clientId, CancellationToken cancellationToken) =>
        ApiResults.Found(await registry.FindAsync(caller, clientId, cancellationToken), client => client.Version);

    private static async Task<IResult> CreateAsync(ApiCaller caller, ClientRegistry registry, ClientMetadata metadata, string? clientId, CancellationToken cancellationToken) =>
        ApiResults.From(await registry.CreateAsync(caller, metadata, clientId, cancellationToken), client => client.Version, client => $"{AdminApi.Prefix}/clients/{Uri.EscapeDataString(client.ClientId)}");

    private static async Task<IResult> UpdateAsync(ApiCaller caller, ClientRegistry registry, HttpRequest request, string clientId, ClientMetadata metadata, CancellationToken cancellationToken) =>
        Versions.FromIfMatch(request) is not { } version
            ? ApiResults.VersionRequired()
            : ApiResults.From(await registry.UpdateAsync(caller, clientId, version, metadata, cancellationToken), client => client.Version);

    private static async Task<IResult> DeleteAsync(ApiCaller caller, ClientRegistry registry, HttpRequest request, string clientId, CancellationToken cancellationToken) =>
        Versions.FromIfMatch(request) is not { } version
            ? ApiResults.VersionRequired()
            : ApiResults.From(await registry.DeleteAsync(caller, clientId, version, cancellationToken));

    private static async Task<IResult> RotateAsync(ApiCaller caller, ClientRegistry registry, string clientId, SecretRotation? rotation, CancellationToken cancellationToken) =>
        ApiResults.From(await registry.RotateSecretAsync(caller, clientId, TimeSpan.FromSeconds(rotation?.OverlapSeconds ?? 7 * 86_400), cancellationToken), client => client.Version);

    private static async Task<IResult> ListTokensAsync(ApiCaller caller, InitialAccessTokens tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.ListAsync(caller, cancellationToken));

    private static async Task<IResult> IssueAsync(ApiCaller caller, InitialAccessTokens tokens, InitialAccessTokenInput input, CancellationToken cancellationToken) =>
        ApiResults.From(await tokens.IssueAsync(caller, input, cancellationToken), createdAt: token => $"{AdminApi.Prefix}/initial-access-tokens/{token.Id}");

    private static async Task<IResult> RevokeAsync(ApiCaller caller, InitialAccessTokens tokens, string tokenId, CancellationToken cancellationToken) =>
        ApiResults.From(await tokens.RevokeAsync(caller, tokenId, cancellationToken));

    /// <summary>How long the secret being replaced keeps working.</summary>
    internal sealed record SecretRotation([property: System.Text.Json.Serialization.JsonPropertyName("overlap_seconds")] int? OverlapSeconds);
}
