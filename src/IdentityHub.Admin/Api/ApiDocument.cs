using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace IdentityHub.Admin.Api;

/// <summary>
/// The OpenAPI 3.1 document, generated from the endpoints (<c>/api/openapi/v1.json</c>), and a browsable
/// reference page built on it (<c>/api/reference/</c>). Both are public: they describe, they do not act.
/// </summary>
internal static class ApiDocument
{
    public const string Path = "/api/openapi/{documentName}.json";

    public const string ReferencePath = "/api/reference";

    /// <summary>Where people open the reference page (Scalar serves it under the prefix, with a trailing slash).</summary>
    public const string ReferencePage = ReferencePath + "/";

    public static IServiceCollection AddAdminApiDocument(this IServiceCollection services) =>
        services.AddOpenApi("v1", document =>
        {
            document.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            // The API only: the console's language switch and branding files are for its pages.
            document.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            document.AddDocumentTransformer((openApi, _, _) =>
            {
                openApi.Info = new OpenApiInfo
                {
                    Title = "IdentityHub administration API",
                    Version = "v1",
                    Description = "Organizations, their administrators and people, invitations and registration requests. "
                        + "Send an access token from IdentityHub with the scope identityhub.admin. Refusals are RFC 9457 problem details; "
                        + "a change needs the ETag you read in If-Match (412 when someone changed it first).",
                };
                openApi.Components ??= new OpenApiComponents();
                openApi.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["identityhub"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "JWT",
                        Description = "An access token issued by IdentityHub for the scope identityhub.admin.",
                    },
                };
                openApi.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("identityhub", openApi)] = [] }];
                return Task.CompletedTask;
            });
        });

    public static void MapAdminApiDocument(this WebApplication app)
    {
        app.MapOpenApi(Path);
        app.MapScalarApiReference(ReferencePath, reference => reference
            .WithTitle("IdentityHub administration API")
            .WithOpenApiRoutePattern(Path)
            .DisableDefaultFonts());
    }
}
