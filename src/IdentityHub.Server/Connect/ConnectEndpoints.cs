using IdentityHub.Server.Connect.Registration;

namespace IdentityHub.Server.Connect;

internal static class ConnectEndpoints
{
    /// <summary>Maps the endpoints OpenIddict passes through to IdentityHub's own decisions.</summary>
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        string[] getOrPost = ["GET", "POST"];
        var connect = app.MapGroup("/connect").DisableAntiforgery();
        connect.MapMethods("/authorize", getOrPost, (Delegate)AuthorizationEndpoint.HandleAsync)
            .AddEndpointFilter(AuthorizationEndpoint.BackToThePortalDuringAnOutage);
        connect.MapPost("/token", (Delegate)TokenEndpoint.HandleAsync);
        connect.MapMethods("/userinfo", getOrPost, (Delegate)UserInfoEndpoint.HandleAsync);
        connect.MapMethods("/endsession", getOrPost, (Delegate)EndSessionEndpoint.HandleAsync);
        connect.MapRegistration();
        app.MapGet(Smart.SmartConfigurationEndpoint.Path, (Delegate)Smart.SmartConfigurationEndpoint.Handle);
        return app;
    }
}
