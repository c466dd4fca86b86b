using System.ComponentModel.DataAnnotations;
using IdentityHub.Server.Account;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Throttling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Server.Pages.Account.Forgot;

/// <summary>Forgot password, step 1 (A7): username and email. Always goes on to the verify page.</summary>
public sealed class ForgotPasswordModel(PasswordResets resets, SteadyResponseTime steady, PageLimits limits) : PageModel
{
    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    /// <summary>Set when a reset timed out or was already finished.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Expired { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Expired = false;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await limits.ForgotPasswordAsync(HttpContext, Input.Username) is { Allowed: false } limit)
        {
            return new TooManyAttempts(limit.RetryAfter);
        }

        var started = SteadyResponseTime.Start();
        var state = await resets.StartAsync(Input.Username, Input.Email, CodeMessagesForPeople.LanguageOf(Request), HttpContext.RequestAborted);
        resets.Save(HttpContext, state);
        await steady.PadAsync(started, HttpContext.RequestAborted);
        return LocalRedirect(ForgotPasswordVerifyModel.Path);
    }

    public sealed class ForgotPasswordInput
    {
        [Required(ErrorMessage = "ForgotPassword.UsernameRequired")]
        [StringLength(LoginModel.LoginInput.MaxUsernameLength, ErrorMessage = "ForgotPassword.UsernameTooLong")]
        public string Username { get; set; } = "";

        [Required(ErrorMessage = "ForgotPassword.EmailRequired")]
        [StringLength(256, ErrorMessage = "Forgot.EmailTooLong")]
        [EmailAddress(ErrorMessage = "Forgot.EmailInvalid")]
        public string Email { get; set; } = "";
    }
}
