using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Members;

/// <summary>The token server with the member portal (the public test portal) letting members sign up.</summary>
public sealed class MemberRegistrationApp : IAsyncLifetime
{
    public IdentityHubApp App { get; } = new IdentityHubApp().With(RegistrationSteps.AllowKey, "true");

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}
