using System.Text.RegularExpressions;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// <c>IdentityHub:Node</c>: which of several nodes behind a load balancer this one is. The name is printed at
/// start; with <see cref="ResponseHeader"/> on, every response says it in <c>X-IdentityHub-Node</c>, so an
/// operator (or a test) can see which node served a request. Off by default: outside a diagnosis it only tells
/// the world how the plan's servers are laid out.
/// </summary>
public sealed partial class NodeOptions
{
    /// <summary>The node's name; the machine name (a container's host name) when not set.</summary>
    public string? Name { get; set; }

    /// <summary>Whether every response carries <c>X-IdentityHub-Node</c> with <see cref="Name"/>.</summary>
    public bool ResponseHeader { get; set; }

    /// <summary>The configured name, or the machine's.</summary>
    public string EffectiveName => string.IsNullOrWhiteSpace(Name) ? Environment.MachineName : Name;

    public IEnumerable<string> Validate(string prefix)
    {
        if (Name is not null && !NameShape().IsMatch(Name))
        {
            yield return $"{prefix}:Name must be 1 to 64 letters, digits, '.', '-' or '_' (it goes into a response header and the logs); '{Name}' is not.";
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NameShape();
}

/// <summary>Adds <c>X-IdentityHub-Node</c> to every response when <c>IdentityHub:Node:ResponseHeader</c> is on.</summary>
internal static class NodeMarker
{
    public const string Header = "X-IdentityHub-Node";

    public static WebApplication UseNodeMarker(this WebApplication app)
    {
        // The settings are read at the first request, not while the pipeline is built: commands such as
        // export-config build it too, and must work with settings that do not bind.
        string? name = null;
        var read = false;
        app.Use((context, next) =>
        {
            if (!read)
            {
                var node = context.RequestServices.GetRequiredService<IOptions<IdentityHubOptions>>().Value.Node;
                name = node.ResponseHeader ? node.EffectiveName : null;
                read = true;
            }

            if (name is { } marker)
            {
                // At the start of the response: the error handler clears headers set earlier.
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[Header] = marker;
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });

        return app;
    }
}
