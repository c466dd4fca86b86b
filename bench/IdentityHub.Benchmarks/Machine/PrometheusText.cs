using System.Globalization;

namespace IdentityHub.Benchmarks.Machine;

/// <summary>One sample of a Prometheus text scrape: the metric's name, its labels and its value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// Reads the Prometheus text format (what IdentityHub's scrape endpoint serves): enough of it for the harness,
/// which sums samples by name and a label or two. Comments and malformed lines are skipped.
/// </summary>
public sealed class PrometheusText
{
    private readonly Dictionary<string, List<MetricSample>> _byName;

    private PrometheusText(Dictionary<string, List<MetricSample>> byName) => _byName = byName;

    public static PrometheusText Parse(string text)
    {
        var byName = new Dictionary<string, List<MetricSample>>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (ParseLine(line.TrimEnd('\r')) is { } sample)
            {
                if (!byName.TryGetValue(sample.Name, out var samples))
                {
                    byName[sample.Name] = samples = [];
                }

                samples.Add(sample);
            }
        }

        return new PrometheusText(byName);
    }

    public bool Has(string name) => _byName.ContainsKey(name);

    /// <summary>The sum of the samples named so whose labels include <paramref name="label"/> (all of them without one); null when there are none.</summary>
    public double? Sum(string name, (string Key, string Value)? label = null)
    {
        if (!_byName.TryGetValue(name, out var samples))
        {
            return null;
        }

        var matching = samples.Where(sample => label is not { } wanted || (sample.Labels.TryGetValue(wanted.Key, out var value) && value == wanted.Value)).ToList();
        return matching.Count == 0 ? null : matching.Sum(sample => sample.Value);
    }

    private static MetricSample? ParseLine(string line)
    {
        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        string name;
        string rest;
        if (brace >= 0 && (space < 0 || brace < space))
        {
            var close = line.LastIndexOf('}');
            if (close < brace)
            {
                return null;
            }

            name = line[..brace];
            ParseLabels(line[(brace + 1)..close], labels);
            rest = line[(close + 1)..].Trim();
        }
        else if (space > 0)
        {
            name = line[..space];
            rest = line[(space + 1)..].Trim();
        }
        else
        {
            return null;
        }

        var value = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? new MetricSample(name, labels, number)
            : null;
    }

    /// <summary>key="value" pairs separated by commas; values may hold escaped quotes and commas.</summary>
    private static void ParseLabels(string text, Dictionary<string, string> labels)
    {
        var i = 0;
        while (i < text.Length)
        {
            var equals = text.IndexOf('=', i);
            if (equals < 0 || equals + 1 >= text.Length || text[equals + 1] != '"')
            {
                return;
            }

            var key = text[i..equals].Trim().TrimStart(',').Trim();
            var value = new System.Text.StringBuilder();
            var j = equals + 2;
            for (; j < text.Length && text[j] != '"'; j++)
            {
                if (text[j] == '\\' && j + 1 < text.Length)
                {
                    j++;
                }

                value.Append(text[j]);
            }

            labels[key] = value.ToString();
            i = j + 1;
        }
    }
}
