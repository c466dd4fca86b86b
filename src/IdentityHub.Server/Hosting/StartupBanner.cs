using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IdentityHub.Server.Hosting;

/// <summary>Tells the person who ran the server where to go next.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var root = addresses.FirstOrDefault()?.TrimEnd('/') ?? "http://localhost:5000";
        Console.WriteLine();
        var node = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Configuration.IdentityHubOptions>>().Value.Node.EffectiveName;
        Console.WriteLine($"  IdentityHub is running ({app.Environment.EnvironmentName}) as node {node}.");
        Console.WriteLine($"  Discovery: {root}/.well-known/openid-configuration");
        Console.WriteLine($"  Sign-in:   {root}/account/login");
        if (app.Environment.IsDevelopment())
        {
            Console.WriteLine("  Demo portals: see samples/README.md (provider http://localhost:5101, producer :5102, member :5103)");
            Console.WriteLine("  Admin console: dotnet run --project src/IdentityHub.Admin, then http://localhost:5200 (demo-admin, demo-practice-admin)");
        }

        Console.WriteLine();
    }
}
