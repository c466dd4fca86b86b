using System.Globalization;

namespace IdentityHub.Server.Members.Import;

/// <summary>The summary of an import, as printed and as written by <c>--report</c>: one text, so both say the same.</summary>
internal static class MemberImportReport
{
    public static IReadOnlyList<string> Lines(MemberImportSummary summary, MemberImportMode mode, string file)
    {
        var lines = new List<string>
        {
            $"Import {summary.Batch}{(mode.DryRun ? " (dry run: nothing was saved)" : "")} of {file}: {summary.Total} row(s).",
            Invariant($"{(mode.DryRun ? "Would add:   " : "Added:     ")}{summary.Added}"),
            Invariant($"{(mode.DryRun ? "Would update:" : "Updated:  ")} {summary.Updated}"),
            Invariant($"Unchanged: {summary.Unchanged}"),
            Invariant($"Rejected:  {summary.Rejected.Count}"),
        };
        foreach (var row in summary.Rejected)
        {
            lines.Add(Invariant($"  line {row.Line}: {Printable(row.Reason)}"));
        }

        if (mode.FullRoster)
        {
            lines.Add(summary.EndingSkipped is { } why
                ? $"Coverage ended: none, although --full-roster was given: {why}."
                : Invariant($"{(mode.DryRun ? "Coverage would end" : "Coverage ended")} today for {summary.Ended} member(s) the file does not list."));
        }

        return lines;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // A line break or control character in a field would garble the summary.
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString()));
}
