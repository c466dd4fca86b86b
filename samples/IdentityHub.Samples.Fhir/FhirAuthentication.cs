using IdentityHub.Samples.Fhir.Fhir;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace IdentityHub.Samples.Fhir;

/// <summary>
/// Bearer tokens from IdentityHub: RS256 JWTs whose keys are read from the issuer's discovery document and JWKS, for
/// the audience of this FHIR server. A missing or refused token gets 401 with <c>WWW-Authenticate: Bearer</c>
/// (RFC 6750 §3) and an OperationOutcome body, as a FHIR client expects.
/// </summary>
internal static class FhirAuthentication
{
    public static IServiceCollection AddFhirAuthentication(this IServiceCollection services, FhirSettings fhir)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = fhir.Authority;
                options.RequireHttpsMetadata = fhir.AuthorityUri.Scheme == Uri.UriSchemeHttps;
                options.MapInboundClaims = false;
                // The aud is the FHIR base URL the app sent at authorization; accept it with or without a final slash.
                options.TokenValidationParameters.ValidAudiences = [fhir.Base, fhir.Base + "/"];
                options.Events = new JwtBearerEvents
                {
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        var refused = context.AuthenticateFailure is not null;
                        context.Response.Headers.WWWAuthenticate = refused
                            ? "Bearer error=\"invalid_token\", error_description=\"The access token is not valid or has expired.\""
                            : "Bearer";
                        var outcome = Outcomes.Unauthorized(refused
                            ? "The access token is not valid or has expired."
                            : "An access token from IdentityHub is needed (Authorization: Bearer).");
                        await FhirResponse.WriteAsync(context.HttpContext, outcome, StatusCodes.Status401Unauthorized);
                    },
                };
            });
        services.AddAuthorization();
        return services;
    }
}
