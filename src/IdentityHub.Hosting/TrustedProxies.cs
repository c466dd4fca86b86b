using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Hosting;

/// <summary>
/// Which peers may rewrite a request's scheme and client address. <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>
/// on its own believes <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from any peer; when
/// <c>IdentityHub:Network:TrustedProxies</c> lists the load balancers' addresses, only those are believed, so a
/// process that reaches a node directly cannot pass itself off as someone else or as HTTPS.
/// </summary>
public static class TrustedProxies
{
    public const string Key = "IdentityHub:Network:TrustedProxies";

    /// <summary>Limits forwarded headers to the configured proxies (both hosts call it); nothing changes without any.</summary>
    public static IServiceCollection AddIdentityHubTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var entries = configuration.GetSection(Key).Get<List<string>>() ?? [];
        if (entries.Count == 0)
        {
            return services;
        }

        var networks = entries.Select((entry, index) => Parse(entry) ?? throw new StartupException(
            $"{Key}:{index} must be an IP address (10.0.0.5) or a range (10.0.0.0/8); '{entry}' is neither.")).ToList();
        services.PostConfigure<ForwardedHeadersOptions>(forwarded =>
        {
            // Runs after ASP.NET Core's own setup, which clears both lists when forwarding is enabled.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>An address (a network of one) or a CIDR range; null for anything else.</summary>
    public static IPNetwork? Parse(string? entry)
    {
        var text = (entry ?? "").Trim();
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        if (!IPAddress.TryParse(text, out var address))
        {
            return null;
        }

        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return new IPNetwork(normalized, normalized.GetAddressBytes().Length * 8);
    }
}
