using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Audit;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.References;

/// <summary>
/// The help desk's look-up (D8): the reference number a caller reads out, however they read it ("4f7k 9qxm"),
/// gives the events behind it. An organization's administrators see only their organization's events; a
/// reference of another organization gets the same "nothing found" as one that does not exist.
/// </summary>
public sealed class IndexModel(ReferenceLookup lookup) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string? Reference { get; set; }

    /// <summary>The reference as stored ("4F7K-9QXM"), once it was read.</summary>
    public string? Normalized { get; private set; }

    public IReadOnlyList<ReferencedEvent> Events { get; private set; } = [];

    public bool NothingFound { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear(); // a value the look-up cannot use gets its own message, never an error page
        if (string.IsNullOrWhiteSpace(Reference))
        {
            return;
        }

        Normalized = AuditReferenceInput.Normalize(Reference);
        switch (await lookup.FindAsync(Caller, Reference, cancellationToken))
        {
            case AdminResult<IReadOnlyList<ReferencedEvent>>.Done done:
                Events = done.Value;
                break;
            case AdminResult<IReadOnlyList<ReferencedEvent>>.Invalid invalid:
                ShowProblems(invalid.Problems, prefix: "");
                break;
            case AdminResult<IReadOnlyList<ReferencedEvent>>.Forbidden forbidden:
                RefusedMessage = forbidden.Reason;
                break;
            default:
                NothingFound = true;
                break;
        }
    }
}
