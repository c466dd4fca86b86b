using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdentityHub.Benchmarks.Report;

/// <summary>
/// A run's figures on disk (<c>results.json</c>) and the chart beside them. A saved run can be read back to
/// print its table and draw its chart again (<c>bench/run --render FILE</c>) without measuring anything.
/// </summary>
public static class ResultsFile
{
    public const string FileName = "results.json";
    public const string ChartName = "throughput.png";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task WriteAsync(BenchResults results, string folder)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, FileName), JsonSerializer.Serialize(results, Json));
        Chart.Save(results, Path.Combine(folder, ChartName));
    }

    /// <summary>Prints the saved run's table and draws its chart again, beside the file.</summary>
    public static async Task<int> RenderAsync(string path)
    {
        BenchResults? results;
        try
        {
            results = JsonSerializer.Deserialize<BenchResults>(await File.ReadAllTextAsync(path), Json);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            Console.Error.WriteLine($"Cannot read {path}: {exception.Message}");
            return 2;
        }

        if (results is null)
        {
            Console.Error.WriteLine($"{path} holds no results.");
            return 2;
        }

        Console.WriteLine(ResultTable.Render(results));
        var chart = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, ChartName);
        Chart.Save(results, chart);
        Console.WriteLine($"Drew {chart}");
        return 0;
    }
}
