namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>A named walk through the pages, in a browser context of its own.</summary>
public sealed record Journey(string Name, Func<Task> WalkAsync);

/// <summary>
/// Journeys walked at the same time, each in its own browser context and with its own accounts, so that the
/// browser and the server work on one while another waits. Every journey is walked to its end; if any fails,
/// the test fails naming each one that did and what went wrong in it.
/// </summary>
public static class Journeys
{
    public static async Task WalkTogetherAsync(params Journey[] journeys)
    {
        var failures = await Task.WhenAll(journeys.Select(FailureOfAsync));
        if (failures.OfType<string>().ToList() is { Count: > 0 } failed)
        {
            throw new Xunit.Sdk.XunitException($"{failed.Count} of {journeys.Length} journeys failed.\n\n{string.Join("\n\n", failed)}");
        }
    }

    /// <summary>Nothing if the journey walks to its end, else its name, the failure and where it happened.</summary>
    private static async Task<string?> FailureOfAsync(Journey journey)
    {
        try
        {
            await journey.WalkAsync();
            return null;
        }
        catch (Exception exception)
        {
            return $"{journey.Name} failed: {exception}";
        }
    }
}
