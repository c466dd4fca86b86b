using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Logout;

/// <summary>
/// A token server whose test portals registered back-channel logout URIs at a <see cref="LogoutReceiver"/>: the
/// confidential test portal at <c>/portal-a</c>, the public one at <c>/portal-b</c>, and a fifth portal,
/// <see cref="FailingPortal"/>, at <c>/failing</c> (which answers 500) with a front-channel logout URI too. The job
/// polls only once a day: tests run it themselves (<c>RunNowAsync</c>) or rely on the wake-up after a request.
/// </summary>
public sealed class SingleLogoutWorld : IAsyncLifetime
{
    public const string FailingPortal = "failing-portal";
    public const string FrontChannelUri = "https://portal.test/frontchannel-logout";

    public IdentityHubApp App { get; } = new();

    public LogoutReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await LogoutReceiver.StartAsync();
        const string failing = "IdentityHub:Clients:4:";
        App.With("IdentityHub:Clients:0:BackChannelLogoutUri", Receiver.Url("/portal-a"))
            .With("IdentityHub:Clients:1:BackChannelLogoutUri", Receiver.Url("/portal-b"))
            .With(failing + "ClientId", FailingPortal)
            .With(failing + "DisplayName", "Failing portal (test)")
            .With(failing + "RedirectUris:0", TestClients.RedirectUri)
            .With(failing + "PostLogoutRedirectUris:0", TestClients.PostLogoutRedirectUri)
            .With(failing + "Scopes:0", TestClients.ApiScope)
            .With(failing + "BackChannelLogoutUri", Receiver.Url("/failing"))
            .With(failing + "FrontChannelLogoutUri", FrontChannelUri)
            .With("IdentityHub:Logout:PollInterval", "1.00:00:00");
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
