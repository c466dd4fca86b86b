using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// A form sent to a page without a handler for it (a POST where the page only has named handlers, or
/// <c>?handler=</c> naming none) would otherwise render the page without running any of its code, on
/// state it never loaded. It gets 400 and the error page instead. A plain GET without a handler still
/// renders, as static pages need.
/// </summary>
internal sealed class MissingPageHandlers : IPageFilter
{
    public const string Reason = "The form was sent to an action this page does not have. Go back, reload the page and try again.";

    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var request = context.HttpContext.Request;
        var named = context.HttpContext.Request.Query.ContainsKey("handler") || context.RouteData.Values.ContainsKey("handler");
        if (context.HandlerMethod is null && !RefusedRequests.IsErrorPageFor(context.HttpContext) && (named || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))))
        {
            context.HttpContext.Items[RefusedRequests.ReasonKey] = Reason;
            context.HttpContext.Items[RefusedRequests.TextKey] = "Error.MissingHandler";
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
