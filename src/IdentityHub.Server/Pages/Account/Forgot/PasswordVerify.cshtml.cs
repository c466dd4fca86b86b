using System.ComponentModel.DataAnnotations;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Account;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Texts;
using IdentityHub.Server.Throttling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Pages.Account.Forgot;

/// <summary>
/// Forgot password, step 2 (A7): prove it is you with a code sent to the method on file, another way
/// from the list, an authenticator app or a recovery code. Reads the same whether or not the details
/// matched an account.
/// </summary>
public sealed class ForgotPasswordVerifyModel(
    PasswordResets resets,
    SteadyResponseTime steady,
    ClientPolicies policies,
    PageLimits limits,
    IStringLocalizer<RecoveryText> text,
    MethodTexts methodTexts) : PageModel
{
    public const string Path = "/account/forgot-password/verify";

    private PasswordResetState _state = null!;

    [BindProperty]
    [Required(ErrorMessage = "ForgotVerify.CodeRequired")]
    [StringLength(40, ErrorMessage = "ForgotVerify.CodeTooLong")]
    public string? Code { get; set; }

    public MfaMethodKind? Kind => _state.Kind;

    /// <summary>The way chosen; "the method on file" is a sent code, and reads like email.</summary>
    public MfaMethodDescriptor Method => MfaMethods.Of(Kind ?? MfaMethodKind.Email);

    public IReadOnlyList<MfaMethodDescriptor> OtherMethods { get; private set; } = [];

    public string Reference => _state.Reference;

    public string? HelpDeskPhone { get; private set; }

    public string? Notice { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>How long a sent code lasts, in words ("5 minutes").</summary>
    public string CodeLifetime { get; private set; } = "";

    /// <summary>The digits to type; null for a recovery code.</summary>
    public int? Digits => Method.Digits(resets.Settings);

    /// <summary>Whether security questions are the other way offered (A7, legacy option); stand-ins for unmatched details.</summary>
    public bool OffersQuestions => _state.Questions.Count > 0;

    public bool SendsCode => Method.SendsCode;

    public IActionResult OnGet() => Load() is { } leave ? leave : Page();

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        if (Load() is { } leave)
        {
            return leave;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await limits.CodeVerifyAsync(HttpContext, _state.UserId) is { Allowed: false } verifyLimit)
        {
            return new TooManyAttempts(verifyLimit.RetryAfter);
        }

        var started = SteadyResponseTime.Start();
        var step = await resets.VerifyAsync(_state, Code!, HttpContext.RequestAborted);
        Keep(step.State);
        await steady.PadAsync(started, HttpContext.RequestAborted);
        if (step.Error is null)
        {
            return LocalRedirect(NewPasswordModel.Path);
        }

        ErrorMessage = step.Error;
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        ModelState.Clear();
        if (Load() is { } leave)
        {
            return leave;
        }

        if (await limits.CodeSendAsync(HttpContext, _state.UserId) is { Allowed: false } sendLimit)
        {
            return new TooManyAttempts(sendLimit.RetryAfter);
        }

        await SendAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUseMethodAsync(string? kind)
    {
        ModelState.Clear();
        if (Load() is { } leave)
        {
            return leave;
        }

        if (resets.Offered.FirstOrDefault(method => method.Kind.ToString() == kind) is { } chosen)
        {
            if (await limits.CodeSendAsync(HttpContext, _state.UserId) is { Allowed: false } sendLimit)
            {
                return new TooManyAttempts(sendLimit.RetryAfter);
            }

            Keep(_state with { Kind = chosen.Kind });
            await SendAsync();
        }

        return Page();
    }

    /// <summary>What the page asks for, by the way chosen; never says whether an account was found.</summary>
    public string Instructions => Kind is null
        ? text["ForgotVerify.SentToMethodOnFile"]
        : methodTexts.ResetInstructions(Method.Kind, resets.Settings);

    private async Task SendAsync()
    {
        var started = SteadyResponseTime.Start();
        var step = await resets.SendAsync(_state, CodeMessagesForPeople.LanguageOf(Request), HttpContext.RequestAborted);
        Keep(step.State);
        await steady.PadAsync(started, HttpContext.RequestAborted);
        ErrorMessage = step.Error;
        if (step.Error is null && SendsCode)
        {
            Notice = text["ForgotVerify.NewCodeSent", CodeLifetime];
        }
    }

    private LocalRedirectResult? Load()
    {
        if (resets.Read(HttpContext) is not { } state)
        {
            return LocalRedirect("/account/forgot-password?expired=true");
        }

        _state = state;
        HelpDeskPhone = policies.Deployment.HelpDeskPhone;
        CodeLifetime = methodTexts.Duration(resets.Settings.Lifetime);
        OtherMethods = resets.Offered.Where(method => method.Kind != state.Kind).ToList();
        return null;
    }

    private void Keep(PasswordResetState state)
    {
        _state = state;
        resets.Save(HttpContext, state);
        OtherMethods = resets.Offered.Where(method => method.Kind != state.Kind).ToList();
    }
}
