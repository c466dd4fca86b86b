using IdentityHub.Admin.Access;
using IdentityHub.Administration;
using IdentityHub.Administration.Audit;
using IdentityHub.Data.Audit;

namespace IdentityHub.Admin.Api;

/// <summary>
/// <c>/api/v1/audit</c> (D9): the audit trail read by filters a page at a time, exported whole as CSV or JSON
/// (streamed), and its hash chain verified. Organization administrators read their organization's events only.
/// </summary>
internal static class AuditApi
{
    private const string Filters = "Filters, all optional: from and to (a date such as 2026-03-01, a whole day in UTC, or a date and time such as 2026-03-01T14:30:00Z; from included, to excluded), userId (whom the event is about), actorId (who did it), organizationId, event, outcome, reference. Newest first. Organization administrators read only their own organization's events (a filter on another organization finds none); the plan's staff read all.";

    public static void MapAudit(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit");

        audit.MapGet("/events", ListAsync)
            .WithName("ListAuditEvents")
            .WithSummary("Search the audit trail")
            .WithDescription(Filters + " Paged: page (from 1) and pageSize (1 to 100, 25 unless asked).")
            .Produces<Page<AuditEventView>>()
            .ProducesValidationProblem();

        audit.MapGet("/export", Export)
            .WithName("ExportAuditEvents")
            .WithSummary("Export the audit trail as CSV or JSON")
            .WithDescription("format=csv (the default; a header line, RFC 4180 quoting, cells a spreadsheet would run as formulas start with an apostrophe) or format=json (one array). Streamed: every matching event, written as it is read. " + Filters)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: "application/json")
            .ProducesValidationProblem();

        audit.MapGet("/verify", VerifyAsync)
            .WithName("VerifyAuditChain")
            .WithSummary("Verify the audit trail's hash chain")
            .WithDescription("Platform administrators only. Walks the chain (from the newest archive's head when records were archived) and reports whether it holds, how many records were checked, the head's sequence and hash (keep them outside the database) and the first broken link: its sequence, id, reference and what is wrong.")
            .Produces<AuditChainReport>();
    }

    private static async Task<IResult> ListAsync(
        ApiCaller caller, AuditSearch search, [AsParameters] AuditFilterInput filter, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (Paging.Check(page, pageSize) is { } problem)
        {
            return problem;
        }

        if (filter.Read() is not AdminResult<AuditFilter>.Done read)
        {
            return ApiResults.From(filter.Read());
        }

        return await search.ListAsync(caller, read.Value, page ?? 1, pageSize ?? Paging.DefaultSize, cancellationToken) switch
        {
            AdminResult<Page<AuditEventView>>.Done done => TypedResults.Ok(done.Value),
            var refused => ApiResults.From(refused),
        };
    }

    private static IResult Export(ApiCaller caller, AuditSearch search, TimeProvider time, [AsParameters] AuditFilterInput filter, string? format)
    {
        if (!AuditExport.TryParse(format, out var chosen))
        {
            return ApiResults.Invalid("format", "Choose csv or json.");
        }

        if (filter.Read() is not AdminResult<AuditFilter>.Done read)
        {
            return ApiResults.From(filter.Read());
        }

        return search.Stream(caller, read.Value) switch
        {
            AdminResult<IAsyncEnumerable<AuditEventView>>.Done done => new AuditDownload(chosen, done.Value, time.GetUtcNow()),
            var refused => ApiResults.From(refused),
        };
    }

    private static async Task<IResult> VerifyAsync(ApiCaller caller, AuditVerifier verifier, CancellationToken cancellationToken)
    {
        if (!caller.Value.IsPlatformAdministrator)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: "Only platform administrators verify the audit chain.");
        }

        return TypedResults.Ok(AuditChainReport.Of(await verifier.VerifyAsync(cancellationToken)));
    }
}

/// <summary>
/// What verifying the chain found: <c>ok</c>, the sealed records checked in the table, those still waiting to
/// be sealed, the head (sequence and hash), the last archived sequence (the table's part starts after it) and
/// the first broken link, if any.
/// </summary>
public sealed record AuditChainReport(bool Ok, long Checked, long Unsealed, long HeadSequence, string HeadHash, long? ArchivedThrough, AuditBrokenLink? FirstBrokenLink)
{
    public static AuditChainReport Of(AuditVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return new(verification.Intact, verification.Checked, verification.Unsealed, verification.HeadSequence, verification.HeadHash, verification.ArchivedThrough, verification.Broken);
    }
}
