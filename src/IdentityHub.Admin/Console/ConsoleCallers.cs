using IdentityHub.Administration;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Admin.Console;

/// <summary>Marks the console pages a signed-in person sees without administrative rights (the page that says so).</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class WithoutAdministrativeRightsAttribute : Attribute;

/// <summary>
/// Before every console page: who is asking, read from the database (<see cref="AdminCallers"/>), never from
/// the sign-in. A general user, a turned-off account or someone no longer in the database sees only the
/// page that says they have no administrative rights.
/// </summary>
internal sealed class ConsoleCallers(AdminCallers callers) : IAsyncPageFilter
{
    public const string NoRightsPage = "/NoRights";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerInstance is not ConsolePage page || page.GetType().IsDefined(typeof(WithoutAdministrativeRightsAttribute), inherit: false))
        {
            await next();
            return;
        }

        var caller = await callers.FindAsync(context.HttpContext.User.FindFirst("sub")?.Value, context.HttpContext.RequestAborted);
        if (caller is null)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.RedirectToPageResult(NoRightsPage);
            return;
        }

        page.Caller = caller;
        await next();
    }
}
