using IdentityHub.Samples.MemberApp;
using IdentityHub.Samples.MemberApp.Connections;
using IdentityHub.Samples.MemberApp.Records;
using IdentityHub.Samples.MemberApp.Smart;
using Microsoft.AspNetCore.DataProtection;

var builder = WebApplication.CreateBuilder(args);

var settings = MemberAppSettings.From(builder.Configuration);
var problems = settings.Problems().ToList();
if (problems.Count > 0)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine("The member app cannot start: " + problem);
    }

    return 1;
}

builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<PendingLaunches>();
builder.Services.AddSingleton<ConnectionStore>();
builder.Services.AddSingleton<SmartDiscovery>();
builder.Services.AddSingleton<TokenClient>();
builder.Services.AddSingleton<FhirRecords>();
builder.Services.AddHttpClient(SmartDiscovery.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
builder.Services.AddHttpClient(FhirRecords.HttpClientName, client =>
{
    client.BaseAddress = new Uri(settings.FhirBase + "/");
    client.Timeout = TimeSpan.FromSeconds(15);
});
// The portals and this app share localhost, where cookies ignore the port: this app's cookies have their own names.
builder.Services.AddAntiforgery(options => options.Cookie.Name = ".MemberApp.Antiforgery");
builder.Services.AddDataProtection().SetApplicationName("IdentityHub.Samples.MemberApp");
builder.Services.AddRazorPages();

var app = builder.Build();
app.UseStaticFiles();
app.UseRouting();
app.MapRazorPages();
app.MapGet("/health", () => "ok");

await app.RunAsync();
return 0;
