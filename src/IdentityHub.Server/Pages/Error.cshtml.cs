using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Server.Pages;

/// <summary>
/// Shown for protocol errors that must not go back to the portal (unknown client, unregistered
/// redirect URI), for missing pages and for unexpected failures. Never shows a stack trace.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "We could not complete your request.";

    public string? Code { get; private set; }

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: { } error } response)
        {
            Heading = "This sign-in request cannot be completed";
            Message = response.ErrorDescription ?? "The application sent a request IdentityHub cannot accept.";
            Code = error;
            return;
        }

        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            Message = "An unexpected error happened on our side. Please try again in a few minutes.";
            Code = HttpContext.TraceIdentifier;
            return;
        }

        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            return;
        }

        if (Response.StatusCode == StatusCodes.Status404NotFound)
        {
            Heading = "Page not found";
            Message = "The page you asked for does not exist.";
        }
        else if (Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType)
        {
            Heading = "This request cannot be read";
            Message = HttpContext.Items[Hosting.RefusedRequests.ReasonKey] as string ?? "Part of what your browser sent is malformed or too large.";
        }
        else if (Response.StatusCode == StatusCodes.Status409Conflict)
        {
            Heading = "Changed at the same time elsewhere";
            Message = HttpContext.Items[Hosting.RefusedRequests.ReasonKey] as string ?? Hosting.ConcurrentChanges.Reason;
        }
    }
}
