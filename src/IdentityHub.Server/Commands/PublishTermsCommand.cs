using IdentityHub.Server.Audit;
using IdentityHub.Server.Hosting;
using IdentityHub.Server.Terms;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>publish-terms &lt;file&gt; [--version V] [--title T]</c>: publishes a new version of the terms of use (A5)
/// from a UTF-8 text or Markdown file. It becomes the current version at once: everyone accepts it at their
/// next sign-in. Exit codes: 0 published; 1 refused (the file, a taken or malformed version, the database
/// not ready); 2 wrong usage.
/// </summary>
internal static class PublishTermsCommand
{
    public const string Verb = "publish-terms";
    public const int Refused = 1;
    public const int Usage = 2;
    public static readonly CommandSpec Spec = new(Verb, "Publishes a new version of the terms of use from a UTF-8 text or Markdown file; everyone accepts it at their next sign-in.")
    {
        Arguments = [new("file", "The text of the terms (UTF-8 text or Markdown).")],
        Options =
        [
            new("--version", "version", "The version's name (1 to 32 letters, digits, '.', '-', '_'); default: today's UTC date and the next free number."),
            new("--title", "title", $"The title shown above the text; default \"{TermsVersionNames.DefaultTitle}\"."),
        ],
    };

    private sealed record Request(string Path, string? Version, string Title);

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (Parse(arguments, error) is not { } request)
        {
            return Usage;
        }

        var problem = (request.Version is null ? null : TermsVersionNames.Problem(request.Version)) ?? TermsVersionNames.TitleProblem(request.Title);
        if (problem is not null)
        {
            error.WriteLine(problem);
            return Refused;
        }

        var file = await TermsFile.ReadAsync(request.Path);
        if (file.Error is not null)
        {
            error.WriteLine(file.Error);
            return Refused;
        }

        if (await ServerDatabase.PrepareAsync(services) is { } notReady)
        {
            error.WriteLine(notReady);
            return Refused;
        }

        using var scope = services.CreateScope();
        var terms = scope.ServiceProvider.GetRequiredService<TermsService>();
        var version = request.Version ?? await terms.DefaultVersionAsync();
        if (await terms.ExistsAsync(version))
        {
            error.WriteLine($"Terms version '{version}' is already published; choose another --version.");
            return Refused;
        }

        Data.Terms.TermsVersion published;
        try
        {
            published = await terms.PublishAsync(version, request.Title, file.Text!);
        }
        catch (DbUpdateException)
        {
            // The unique index on the name, when another publisher took it a moment ago.
            error.WriteLine($"Terms version '{version}' was published by someone else at the same moment; run the command again.");
            return Refused;
        }

        var actor = $"the {Verb} command ({Environment.UserName})";
        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync("terms.published", "succeeded", userId: null, detail: $"version {published.Version} by {actor}");
        output.WriteLine($"Published terms version {published.Version} (\"{published.Title}\", {file.Text!.Length} characters).");
        output.WriteLine("It is the current version: everyone accepts it at their next sign-in.");
        return 0;
    }

    private static Request? Parse(IReadOnlyList<string> arguments, TextWriter error)
    {
        if (Spec.Parse(arguments, error) is not { } parsed)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(parsed.Positional[0]))
        {
            Spec.UsageError(error, "Name the file that holds the terms.");
            return null;
        }

        return new Request(parsed.Positional[0], parsed.Value("--version")?.Trim(), parsed.Value("--title")?.Trim() ?? TermsVersionNames.DefaultTitle);
    }
}
