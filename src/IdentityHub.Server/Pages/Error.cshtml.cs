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
    private bool _described;
    private string _heading = "Something went wrong";
    private string _message = "We could not complete your request.";
    private string? _code;

    // Read when the page renders, whatever the method: an error re-executed for a PUT or any other
    // method runs no handler, and must still say what happened.
    public string Heading => Described()._heading;

    public string Message => Described()._message;

    public string? Code => Described()._code;

    public void OnGet()
    {
    }

    public void OnPost()
    {
    }

    private ErrorModel Described()
    {
        if (!_described)
        {
            _described = true;
            Describe();
        }

        return this;
    }

    private void Describe()
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: { } error } response)
        {
            _heading = "This sign-in request cannot be completed";
            _message = response.ErrorDescription ?? "The application sent a request IdentityHub cannot accept.";
            _code = error;
            return;
        }

        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            _message = "An unexpected error happened on our side. Please try again in a few minutes.";
            _code = HttpContext.TraceIdentifier;
            return;
        }

        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            return;
        }

        if (Response.StatusCode == StatusCodes.Status404NotFound)
        {
            _heading = "Page not found";
            _message = "The page you asked for does not exist.";
        }
        else if (Response.StatusCode == StatusCodes.Status429TooManyRequests && Throttling.TooManyAttempts.RetryAfterOf(HttpContext) is { } wait)
        {
            _heading = "Too many attempts";
            _message = Throttling.TooManyAttempts.Sentence(wait);
            Throttling.TooManyAttempts.Apply(HttpContext, wait);
        }
        else if (Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType)
        {
            _heading = "This request cannot be read";
            _message = HttpContext.Items[Hosting.RefusedRequests.ReasonKey] as string ?? "Part of what your browser sent is malformed or too large.";
        }
        else if (Response.StatusCode == StatusCodes.Status409Conflict)
        {
            _heading = "Changed at the same time elsewhere";
            _message = HttpContext.Items[Hosting.RefusedRequests.ReasonKey] as string ?? Hosting.ConcurrentChanges.Reason;
        }
    }
}
