using System.Globalization;
using IdentityHub.Admin.Texts;
using IdentityHub.Administration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Admin.Console;

/// <summary>
/// A console page: the caller (found by <see cref="ConsoleCallers"/> before the handler runs), and how the
/// application services' answers become what the page shows: the result with its reference number and any
/// warning, problems next to their fields (and in the summary), "not found" as the 404 page, a stale
/// version as "someone else changed it".
/// </summary>
public abstract class ConsolePage : PageModel
{
    public AdminCaller Caller { get; set; } = null!;

    /// <summary>What the last action did, with its audit reference and warning (kept across the redirect after a post).</summary>
    [TempData]
    public string? DoneMessage { get; set; }

    [TempData]
    public string? DoneReference { get; set; }

    [TempData]
    public string? DoneWarning { get; set; }

    /// <summary>Shown when the version the form carried is out of date.</summary>
    public string? StaleMessage { get; protected set; }

    /// <summary>Why the caller may not do this (the service's words).</summary>
    public string? RefusedMessage { get; protected set; }

    /// <summary>The console's texts in the page's language, for the messages a page model writes.</summary>
    protected IStringLocalizer<ConsoleText> Text => field ??= HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ConsoleText>>();

    /// <summary>This page's own address, where a fresh sign-in brings the person back.</summary>
    protected string HereUrl => Request.PathBase + Request.Path + Request.QueryString;

    /// <summary>Remembers the outcome for the page the person lands on next.</summary>
    protected void Remember<T>(AdminResult<T>.Done done, string message) =>
        (DoneMessage, DoneReference, DoneWarning) = (message, done.Reference, done.Warning);

    /// <summary>
    /// The service's problems next to the form's fields: its field names ("address.postalCode") become the
    /// form's ("Input.Address.PostalCode") under <paramref name="prefix"/>.
    /// </summary>
    protected void ShowProblems(IReadOnlyDictionary<string, string[]> problems, string prefix = "Input")
    {
        foreach (var (field, messages) in problems)
        {
            var key = FieldKey(prefix, field);
            foreach (var message in messages)
            {
                ModelState.AddModelError(key, message);
            }
        }
    }

    /// <summary>Shows a refusal on the page (problems by field, a stale version, a reason); the 404 page for "not found"; null otherwise, so the page renders itself again.</summary>
    protected IActionResult? ShowRefusal<T>(AdminResult<T> result, string prefix = "Input")
    {
        switch (result)
        {
            case AdminResult<T>.Done:
                return null;
            case AdminResult<T>.Invalid invalid:
                ShowProblems(invalid.Problems, prefix);
                return null;
            case AdminResult<T>.Stale:
                StaleMessage = Text["ConsolePage.Stale"];
                return null;
            case AdminResult<T>.Forbidden forbidden:
                RefusedMessage = forbidden.Reason;
                return null;
            default:
                return NotFound();
        }
    }

    public static string FieldKey(string prefix, string field) =>
        string.Join('.', new[] { prefix }.Concat(field.Split('.').Select(part => part.Length == 0 ? part : char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]))).TrimStart('.');
}
