namespace IdentityHub.Delivery;

/// <summary>The name a configured channel goes by when its <c>Name</c> is not set.</summary>
internal static class ChannelNaming
{
    public static string NameOf(ChannelOptions channel, DeliveryKind kind, int index) =>
        string.IsNullOrWhiteSpace(channel.Name) ? $"{kind.ToString().ToLowerInvariant()}-{index}" : channel.Name;
}
