using IdentityHub.DPoP;
using IdentityHub.Samples.Api;
using Microsoft.AspNetCore.Authentication.JwtBearer;

var builder = WebApplication.CreateBuilder(args);

var api = ApiSettings.From(builder.Configuration);
var problems = api.Problems().ToList();
if (problems.Count > 0)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine("The API cannot start: " + problem);
    }

    return 1;
}

// IdentityHub's access tokens are JWTs (typ at+jwt), RS256 unless the API resource chose PS256 or ES256,
// whose keys are published at the authority's JWKS endpoint; the handler finds it through the discovery document.
// DPoP-bound tokens (cnf.jkt) are accepted with the DPoP scheme and a proof made by their key
// (IdentityHub.DPoP, RFC 9449 §7); Api:RequireDPoP refuses plain bearer tokens altogether.
builder.Services.AddDPoPProofValidation();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = api.Authority;
        options.Audience = api.Audience;
        options.RequireHttpsMetadata = api.AuthorityUri.Scheme == Uri.UriSchemeHttps;
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = "name";
        options.AcceptDPoP(api.RequireDPoP);
    });

const string PortalApiPolicy = "portal-api";
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(PortalApiPolicy, policy => policy
        .RequireAuthenticatedUser()
        .RequireAssertion(context => context.User.HasScope(api.Audience)));

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/health", () => "ok");

app.MapGet("/api/whoami", (HttpContext http) => new
    {
        sub = http.User.FindFirst("sub")?.Value,
        name = http.User.FindFirst("name")?.Value,
        client_id = http.User.FindFirst("client_id")?.Value,
        scope = string.Join(' ', http.User.Scopes()),
        api = api.Audience,
    })
    .RequireAuthorization(PortalApiPolicy);

await app.RunAsync();
return 0;
