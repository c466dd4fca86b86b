using System.ComponentModel.DataAnnotations;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Members.Registration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Texts;
using IdentityHub.Server.Throttling;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Pages.Account.Register;

/// <summary>
/// Creating an account, step 3 (A15): "Check your email". Only once the emailed code is right is the account created,
/// with its member link, in one save; then the sign-in goes on as for any new account (MFA enrollment, terms) and
/// ends in the authorization request the person came from.
/// </summary>
public sealed class RegisterEmailModel(
    RegistrationCodes codes,
    MemberAccountCreation accounts,
    SignInFlow flow,
    PageLimits limits,
    MethodTexts methodTexts,
    IDataProtectionProvider protection,
    IStringLocalizer<MemberText> text,
    TimeProvider time) : PageModel
{
    private RegistrationState _state = null!;

    [BindProperty]
    [Required(ErrorMessage = "RegisterEmail.CodeRequired")]
    [StringLength(40, ErrorMessage = "RegisterEmail.CodeTooLong")]
    public string? Code { get; set; }

    /// <summary>Set when the first code could not be sent.</summary>
    [BindProperty(SupportsGet = true)]
    public bool NotSent { get; set; }

    public string MaskedEmail => Destinations.MaskEmail(_state.Email!);

    public int Digits => codes.Settings.Length;

    public string CodeLifetime => methodTexts.Duration(codes.Settings.Lifetime);

    public string Reference => _state.Reference;

    public string? Notice { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>Set when the member was linked to another account meanwhile: the page then says so and offers sign-in.</summary>
    public bool MemberTaken { get; private set; }

    public IActionResult OnGet()
    {
        if (Load() is { } leave)
        {
            return leave;
        }

        if (NotSent)
        {
            ErrorMessage = text["RegisterEmail.NotSent"];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        NotSent = false;
        if (Load() is { } leave)
        {
            return leave;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await limits.CodeVerifyAsync(HttpContext, _state.Id) is { Allowed: false } limit)
        {
            return new TooManyAttempts(limit.RetryAfter);
        }

        var step = codes.Verify(_state, Code!);
        if (step.StartAgain)
        {
            RegistrationState.End(HttpContext);
            return LocalRedirect(RegistrationPaths.Start + "?expired=true");
        }

        if (!step.Accepted)
        {
            Keep(step.State);
            ErrorMessage = step.Error;
            return Page();
        }

        switch (await accounts.CreateAsync(_state, IdentityHub.Hosting.Wording.SupportedLanguages.Current, _state.ClientId, HttpContext.RequestAborted))
        {
            case AccountCreation.Created created:
                RegistrationState.End(HttpContext);
                // A new account signs in like any other after its password: MFA enrollment and the terms come next.
                return LocalRedirect(await flow.StartAsync(HttpContext, created.User, ReturnUrls.LocalOrHome(_state.ReturnUrl), created.Reference));
            case AccountCreation.UsernameTaken:
                Keep(_state with { UserName = null });
                return LocalRedirect(RegistrationPaths.SignIn + "?taken=true");
            default:
                RegistrationState.End(HttpContext);
                MemberTaken = true;
                return Page();
        }
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        ModelState.Clear();
        NotSent = false;
        if (Load() is { } leave)
        {
            return leave;
        }

        if (await limits.CodeSendAsync(HttpContext, _state.Id) is { Allowed: false } limit)
        {
            return new TooManyAttempts(limit.RetryAfter);
        }

        var step = await codes.SendAsync(_state, _state.ClientId, CodeMessagesForPeople.LanguageOf(Request), HttpContext.RequestAborted);
        Keep(step.State);
        ErrorMessage = step.Error;
        Notice = step.Error is null ? text["RegisterEmail.NewCodeSent", MaskedEmail, CodeLifetime].Value : null;
        return Page();
    }

    private LocalRedirectResult? Load()
    {
        if (RegistrationState.Read(HttpContext, protection, time.GetUtcNow()) is not { } state)
        {
            return LocalRedirect(RegistrationPaths.Start + "?expired=true");
        }

        if (!state.HasSignIn)
        {
            return LocalRedirect(RegistrationPaths.SignIn);
        }

        _state = state;
        return null;
    }

    private void Keep(RegistrationState state)
    {
        _state = state;
        state.Save(HttpContext, protection);
    }
}
