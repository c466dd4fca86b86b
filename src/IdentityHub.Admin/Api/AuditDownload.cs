using IdentityHub.Administration.Audit;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace IdentityHub.Admin.Api;

/// <summary>
/// An audit export as a download, for the API and the console alike: the events are written to the response
/// body as the database returns them (<see cref="AuditExport"/>), with an attachment file name. Problems are
/// found before it is made (a bad filter, a caller who may not read): once the first bytes are out, a failure
/// can only cut the download short.
/// </summary>
internal sealed class AuditDownload(AuditExportFormat format, IAsyncEnumerable<AuditEventView> events, DateTimeOffset now) : IResult, IActionResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = AuditExport.ContentType(format);
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = AuditExport.FileName(format, now) }.ToString();
        response.Headers.CacheControl = "no-store";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await AuditExport.WriteAsync(format, response.Body, events, httpContext.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}
