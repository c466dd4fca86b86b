using System.Net;
using System.Text.Json;

namespace IdentityHub.Server.Tests.Telemetry;

/// <summary>What a load balancer reads from a health endpoint: the status code and the small JSON body.</summary>
public sealed record HealthProbe(HttpStatusCode Status, JsonElement Body, string Text, HttpResponseMessage Response)
{
    public string Overall => Body.GetProperty("status").GetString()!;

    public string StatusOf(string check) => Body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString()!;

    public string DescriptionOf(string check) => Body.GetProperty("checks").GetProperty(check).GetProperty("description").GetString()!;

    /// <summary>A probe without cookies or any header but the path.</summary>
    public static async Task<HealthProbe> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return new HealthProbe(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text, response);
    }

    /// <summary>Probes until <paramref name="until"/> holds (a node becomes ready once its keys are loaded), for at most a minute.</summary>
    public static async Task<HealthProbe> WaitForAsync(HttpClient client, string path, Func<HealthProbe, bool> until)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var probe = await GetAsync(client, path);
            if (until(probe) || DateTime.UtcNow > deadline)
            {
                return probe;
            }

            await Task.Delay(100);
        }
    }
}
