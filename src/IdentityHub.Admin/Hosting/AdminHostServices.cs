using System.Text.Json;
using System.Text.Json.Serialization;
using IdentityHub.Admin.Access;
using IdentityHub.Admin.Api;
using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Data;
using IdentityHub.Delivery;
using IdentityHub.Hosting;
using IdentityHub.Hosting.Health;
using IdentityHub.Hosting.Telemetry;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IdentityHub.Admin.Hosting;

public static class AdminHostServices
{
    /// <summary>Registers the admin host: the shared database and rules, token validation, the API and its document.</summary>
    public static IServiceCollection AddIdentityHubAdminHost(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AdminHostOptions>().BindConfiguration(AdminHostOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminHostOptions>, AdminHostOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        var database = DatabaseSettings.From(configuration, environment.ContentRootPath);
        services.AddIdentityHubDatabase(database.Provider, database.ConnectionString);
        services.AddIdentityHubMessageDelivery(configuration, environment);
        services.AddIdentityHubTrustedProxies(configuration);
        services.AddIdentityHubAdministration();
        services.AddAdminAccess(configuration);
        services.AddAdminConsole(configuration, environment);

        services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<UnreadableRequests>();
        services.AddAdminApiDocument();
        services.AddIdentityHubTelemetry(configuration, environment, "identityhub-admin");
        services.AddIdentityHubHealth();
        return services;
    }
}
