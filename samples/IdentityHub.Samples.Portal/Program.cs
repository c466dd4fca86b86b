using IdentityHub.Samples.Portal;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

var builder = WebApplication.CreateBuilder(args);

var portal = PortalSettings.From(builder.Configuration);
var problems = portal.Problems().ToList();
if (problems.Count > 0)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine("The portal cannot start: " + problem);
    }

    return 1;
}

builder.Services.AddSingleton(portal);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<TokenRefresher>();
builder.Services.AddSingleton<PortalApi>();
builder.Services.AddHttpClient(PortalApi.HttpClientName, client => client.BaseAddress = portal.ApiBaseUri);
builder.Services.AddPortalAuthentication(portal);
builder.Services.AddBackChannelLogout();
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizePage("/CallApi");
    options.Conventions.AuthorizePage("/Refresh");
});

var app = builder.Build();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();

// IdentityHub posts a logout token here when the person's session there ends (sign-out anywhere, an administrator, ...).
app.MapBackChannelLogout();

// Sign-in is a plain link: challenge IdentityHub and come back to the home page.
app.MapGet("/signin", () => Results.Challenge(
    new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme]));

// Switching security profile: the same sign-in, asked again with prompt=select_account (IdentityHub shows the
// profile choice without asking for the password again).
app.MapGet("/switch-profile", () => Results.Challenge(
    new OpenIdConnectChallengeProperties { RedirectUri = "/", Prompt = "select_account" }, [OpenIdConnectDefaults.AuthenticationScheme]));

await app.RunAsync();
return 0;
