using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace IdentityHub.Server.Tests.Hardening;

/// <summary>One thing to send requests to: a path, a method, a page handler, and the parameters it reads.</summary>
public sealed record FuzzTarget(string Method, string Path, string? Handler, IReadOnlyList<FuzzParameter> Parameters)
{
    public override string ToString() => $"{Method} {Path}{(Handler is null ? "" : "?handler=" + Handler)}";
}

/// <summary>A parameter by name and the kind of value it expects (so that wrong types can be sent).</summary>
public sealed record FuzzParameter(string Name, Type Type);

/// <summary>
/// Every route the server answers, read from the running app rather than listed by hand, so a new page
/// or endpoint is fuzzed without anyone remembering to add it: the Razor pages with their handlers and
/// bound properties, the mapped endpoints, and every endpoint OpenIddict serves itself.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The protocol parameters of OAuth 2.0, OpenID Connect, PKCE, PAR and logout.</summary>
    private static readonly string[] ProtocolParameters =
    [
        "client_id", "client_secret", "redirect_uri", "response_type", "response_mode", "scope", "state", "nonce",
        "prompt", "max_age", "id_token_hint", "login_hint", "acr_values", "ui_locales", "claims", "request", "request_uri",
        "code_challenge", "code_challenge_method", "code", "code_verifier", "grant_type", "refresh_token", "username",
        "password", "token", "token_type_hint", "post_logout_redirect_uri", "client_assertion", "client_assertion_type",
        "access_token", "audience", "resource",
    ];

    public static IReadOnlyList<FuzzTarget> Discover(IServiceProvider services)
    {
        var targets = new List<FuzzTarget>();
        var protocolPaths = ProtocolPaths(services);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page)
            {
                targets.AddRange(PageTargets(path, page));
            }
            else if (!protocolPaths.Contains(path))
            {
                targets.Add(new FuzzTarget("GET", path, null, Protocol()));
                targets.Add(new FuzzTarget("POST", path, null, Protocol()));
            }
        }

        foreach (var path in protocolPaths)
        {
            targets.Add(new FuzzTarget("GET", path, null, Protocol()));
            targets.Add(new FuzzTarget("POST", path, null, Protocol()));
        }

        return [.. targets.DistinctBy(target => target.ToString()).OrderBy(target => target.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>Every endpoint address OpenIddict's server options name (authorization, token, discovery, JWKS, …).</summary>
    private static HashSet<string> ProtocolPaths(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value;
        return [.. typeof(OpenIddictServerOptions).GetProperties()
            .Where(property => property.Name.EndsWith("EndpointUris", StringComparison.Ordinal))
            .SelectMany(property => property.GetValue(options) as IEnumerable<Uri> ?? [])
            .Where(uri => !uri.IsAbsoluteUri)
            .Select(uri => "/" + uri.OriginalString.TrimStart('/'))];
    }

    private static IEnumerable<FuzzTarget> PageTargets(string path, CompiledPageActionDescriptor page)
    {
        var bound = page.BoundProperties.SelectMany(property => Expand(property.Name, property.ParameterType)).ToList();
        foreach (var handler in page.HandlerMethods)
        {
            var parameters = bound.Concat(handler.Parameters.SelectMany(parameter => Expand(parameter.Name, parameter.ParameterType))).ToList();
            yield return new FuzzTarget(handler.HttpMethod.ToUpperInvariant(), path, handler.Name, parameters);
            if (handler.Name is not null)
            {
                // The same handler name with the other method, which the page may not have.
                var other = string.Equals(handler.HttpMethod, "Get", StringComparison.OrdinalIgnoreCase) ? "POST" : "GET";
                yield return new FuzzTarget(other, path, handler.Name, parameters);
            }
        }

        // A method the page has no handler for still reaches the page (and its filters).
        yield return new FuzzTarget("GET", path, null, bound);
        yield return new FuzzTarget("POST", path, null, bound);
    }

    /// <summary>A bound complex type (the login page's <c>Input</c>) is sent as <c>Input.Username</c> and so on.</summary>
    private static IEnumerable<FuzzParameter> Expand(string name, Type type)
    {
        if (type == typeof(string) || type.IsPrimitive || type.IsEnum || Nullable.GetUnderlyingType(type) is not null || !type.IsClass)
        {
            return [new FuzzParameter(name, type)];
        }

        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite)
            .Select(property => new FuzzParameter(name + "." + property.Name, property.PropertyType));
    }

    private static IReadOnlyList<FuzzParameter> Protocol() => [.. ProtocolParameters.Select(name => new FuzzParameter(name, typeof(string)))];
}
