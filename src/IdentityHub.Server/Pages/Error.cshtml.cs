using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Pages;

/// <summary>
/// Shown for protocol errors that must not go back to the portal (unknown client, unregistered
/// redirect URI), for missing pages and for unexpected failures. Never shows a stack trace.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SignInText> text, IStringLocalizer<LayoutText> frame) : PageModel
{
    private bool _described;
    private string? _heading;
    private string? _message;
    private string? _code;
    private string? _details;

    // Read when the page renders, whatever the method: an error re-executed for a PUT or any other
    // method runs no handler, and must still say what happened.
    public string Heading => Described()._heading ?? text["Error.Title"];

    public string Message => Described()._message ?? text["Error.Unknown"];

    public string? Code => Described()._code;

    /// <summary>
    /// Set for a protocol error: the sentence that introduces its description. The description itself is
    /// OpenIddict's (the OAuth <c>error_description</c>), in English for the portal's team.
    /// </summary>
    public string? Details => Described()._details;

    /// <summary>The language of <see cref="Message"/> when it is not the page's (a protocol error's description is English).</summary>
    public string? MessageLanguage => Details is not null && SupportedLanguages.Current != SupportedLanguages.English ? SupportedLanguages.English : null;

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
            _heading = text["Error.Protocol.Heading"];
            if (response.ErrorDescription is { } description)
            {
                _details = text["Error.Protocol.Details"];
                _message = description;
            }
            else
            {
                _message = text["Error.Protocol.Message", frame["Brand.Name"]];
            }

            _code = error;
            return;
        }

        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            _message = text["Error.Unexpected"];
            _code = HttpContext.TraceIdentifier;
            return;
        }

        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            return;
        }

        if (Response.StatusCode == StatusCodes.Status404NotFound)
        {
            _heading = text["Error.NotFound.Heading"];
            _message = text["Error.NotFound.Message"];
        }
        else if (Response.StatusCode == StatusCodes.Status429TooManyRequests && Throttling.TooManyAttempts.RetryAfterOf(HttpContext) is { } wait)
        {
            var minutes = (int)Math.Ceiling(wait.TotalMinutes);
            _heading = text["Error.TooManyAttempts.Heading"];
            _message = minutes <= 1 ? text["Error.TooManyAttempts.One"] : text["Error.TooManyAttempts.Many", minutes];
            Throttling.TooManyAttempts.Apply(HttpContext, wait);
        }
        else if (Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType)
        {
            _heading = text["Error.Unreadable.Heading"];
            _message = Reason() ?? text["Error.Unreadable.Message"];
        }
        else if (Response.StatusCode == StatusCodes.Status409Conflict)
        {
            _heading = text["Error.Conflict.Heading"];
            _message = Reason() ?? text["Error.Conflict.Message"];
        }
    }

    /// <summary>The refusal's reason in the page's language, when a middleware gave one.</summary>
    private string? Reason() =>
        HttpContext.Items[Hosting.RefusedRequests.TextKey] is string key ? text[key].Value : null;
}
