using System.ComponentModel.DataAnnotations;
using IdentityHub.Server.Account;
using IdentityHub.Server.Throttling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Server.Pages.Account.Forgot;

/// <summary>Forgot username (A6): an email in; the usernames go to that address; the page says the same either way.</summary>
public sealed class ForgotUsernameModel(UsernameReminders reminders, SteadyResponseTime steady, PageLimits limits) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "ForgotUsername.EmailRequired")]
    [StringLength(256, ErrorMessage = "Forgot.EmailTooLong")]
    [EmailAddress(ErrorMessage = "Forgot.EmailInvalid")]
    public string? Email { get; set; }

    /// <summary>Set after a valid request, whether or not the address belongs to an account.</summary>
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await limits.ForgotUsernameAsync(HttpContext, Email!) is { Allowed: false } limit)
        {
            return new TooManyAttempts(limit.RetryAfter);
        }

        var started = SteadyResponseTime.Start();
        await reminders.SendAsync(Email!, HttpContext.RequestAborted);
        await steady.PadAsync(started, HttpContext.RequestAborted);
        Sent = true;
        return Page();
    }
}
