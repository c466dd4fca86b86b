using System.ComponentModel.DataAnnotations;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Account;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Pages.Account.Mfa;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Server.Pages.Account.Forgot;

/// <summary>
/// Forgot password, step 2 (A7): prove it is you with a code sent to the method on file, another way
/// from the list, an authenticator app or a recovery code. Reads the same whether or not the details
/// matched an account.
/// </summary>
public sealed class ForgotPasswordVerifyModel(ClientPolicies policies) : PageModel
{
    public const string Path = "/account/forgot-password/verify";

    private PasswordResets _resets = null!;
    private PasswordResetState _state = null!;

    [BindProperty]
    [Required(ErrorMessage = "Enter the code.")]
    [StringLength(40, ErrorMessage = "That code is too long. Check it and try again.")]
    public string? Code { get; set; }

    public MfaMethodKind? Kind => _state.Kind;

    public IReadOnlyList<MfaMethodKind> OtherKinds { get; private set; } = [];

    public string Reference => _state.Reference;

    public string? HelpDeskPhone { get; private set; }

    public string? Notice { get; private set; }

    public string? ErrorMessage { get; private set; }

    public string CodeLifetime { get; private set; } = "5 minutes";

    public int CodeLength { get; private set; } = 6;

    /// <summary>Whether security questions are the other way offered (A7, legacy option); stand-ins for unmatched details.</summary>
    public bool OffersQuestions => _state.Questions.Count > 0;

    public bool SendsCode => Kind is not (MfaMethodKind.Totp or MfaMethodKind.RecoveryCode);

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

        var started = SteadyResponseTime.Start();
        var step = await _resets.VerifyAsync(_state, Code!, HttpContext.RequestAborted);
        Keep(step.State);
        await HttpContext.GetAccountService<SteadyResponseTime>().PadAsync(started, HttpContext.RequestAborted);
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

        if (Enum.TryParse<MfaMethodKind>(kind, ignoreCase: false, out var chosen) && _resets.OfferedKinds.Contains(chosen))
        {
            Keep(_state with { Kind = chosen });
            await SendAsync();
        }

        return Page();
    }

    /// <summary>What the page asks for, by the way chosen; never says whether an account was found.</summary>
    public string Instructions => Kind switch
    {
        null => "If the details you entered match an account, we have sent a security code to the method on file for it: its email address or phone.",
        MfaMethodKind.Email => "If the account has an email address on file for security codes, we have sent a code to it.",
        MfaMethodKind.Sms => "If the account has a mobile phone number on file for security codes, we have sent a code to it by text message.",
        MfaMethodKind.Voice => "If the account has a phone number on file for security codes, we are calling it to read a code aloud.",
        MfaMethodKind.Totp => "Enter the 6-digit code your authenticator app shows now.",
        _ => "Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.",
    };

    public static string Describe(MfaMethodKind kind) => kind switch
    {
        MfaMethodKind.Email => "Send a code by email",
        MfaMethodKind.Sms => "Send a code by text message",
        MfaMethodKind.Voice => "Call me with a code",
        MfaMethodKind.Totp => "Use my authenticator app",
        MfaMethodKind.RecoveryCode => "Use a recovery code",
        _ => MethodLabels.Name(kind),
    };

    private async Task SendAsync()
    {
        var started = SteadyResponseTime.Start();
        var step = await _resets.SendAsync(_state, CodeMessagesForPeople.LanguageOf(Request), HttpContext.RequestAborted);
        Keep(step.State);
        await HttpContext.GetAccountService<SteadyResponseTime>().PadAsync(started, HttpContext.RequestAborted);
        ErrorMessage = step.Error;
        if (step.Error is null && SendsCode)
        {
            Notice = $"If the details match an account, a new code is on its way. It is only valid for {CodeLifetime}.";
        }
    }

    private LocalRedirectResult? Load()
    {
        _resets = HttpContext.GetAccountService<PasswordResets>();
        if (_resets.Read(HttpContext) is not { } state)
        {
            return LocalRedirect("/account/forgot-password?expired=true");
        }

        _state = state;
        HelpDeskPhone = policies.For(null).HelpDeskPhone;
        CodeLifetime = ChallengeModel.Describe(_resets.Settings.Lifetime);
        CodeLength = _resets.Settings.Length;
        OtherKinds = _resets.OfferedKinds.Where(kind => kind != state.Kind).ToList();
        return null;
    }

    private void Keep(PasswordResetState state)
    {
        _state = state;
        _resets.Save(HttpContext, state);
        OtherKinds = _resets.OfferedKinds.Where(kind => kind != state.Kind).ToList();
    }
}
