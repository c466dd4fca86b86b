namespace IdentityHub.Hosting.Wording;

/// <summary>The portal (client id) the current request is for, when there is one: its wording and branding apply.</summary>
public interface ICurrentPortal
{
    string? ClientId { get; }

    /// <summary>The help desk's number people on this portal call, shown at the foot of every page when set.</summary>
    ValueTask<string?> HelpDeskPhoneAsync();
}

/// <summary>A host with no portals (the admin host): the deployment's wording and branding only.</summary>
public sealed class NoPortal : ICurrentPortal
{
    public string? ClientId => null;

    public ValueTask<string?> HelpDeskPhoneAsync() => ValueTask.FromResult<string?>(null);
}
