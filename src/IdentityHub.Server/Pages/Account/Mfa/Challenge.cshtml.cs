using IdentityHub.Core.Assurance;
using IdentityHub.Core.Mfa;
using IdentityHub.Data.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Throttling;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using IdentityHub.Server.Texts;

namespace IdentityHub.Server.Pages.Account.Mfa;

/// <summary>The second-factor challenge (M5): a code went to an enrolled method; enter it.</summary>
public sealed class ChallengeModel : PageModel
{
    private readonly UserManager<IdentityHubUser> _users;
    private readonly ChallengeChoices _choices;
    private readonly SignInAttempts _attempts;
    private readonly CodeChallenges _codes;
    private readonly AuthenticatorApps _apps;
    private readonly RecoveryCodeStore _recoveryCodes;
    private readonly RememberedDevices _devices;
    private readonly ClientPolicies _policies;
    private readonly SignInFlow _flow;
    private readonly IOptionsMonitor<IdentityHubOptions> _options;
    private readonly TimeProvider _time;
    private readonly PageLimits _limits;
    private readonly IStringLocalizer<MfaText> _text;
    private readonly MethodTexts _methodTexts;
    private readonly CodeMessagesForPeople _messages;
    private SignInAttempt _attempt = null!;
    private IdentityHubUser _user = null!;

    public ChallengeModel(UserManager<IdentityHubUser> users, SignInAttempts attempts, ChallengeChoices choices, CodeChallenges codes, AuthenticatorApps apps,
        RecoveryCodeStore recoveryCodes, RememberedDevices devices, ClientPolicies policies, SignInFlow flow,
        IOptionsMonitor<IdentityHubOptions> options, TimeProvider time, PageLimits limits, IStringLocalizer<MfaText> text, MethodTexts methodTexts,
        CodeMessagesForPeople messages)
    {
        (_users, _attempts, _choices, _codes, _apps, _recoveryCodes, _devices, _policies, _flow, _options, _time, _limits) =
            (users, attempts, choices, codes, apps, recoveryCodes, devices, policies, flow, options, time, limits);
        (_text, _methodTexts, _messages) = (text, methodTexts, messages);
    }

    private CodeSettings Settings => _options.CurrentValue.Mfa.Codes;

    /// <summary>The kind of the current method.</summary>
    public MfaMethodDescriptor? Method => Current?.Descriptor();

    /// <summary>Whether a code is sent to the current method (otherwise the person holds it: an app).</summary>
    public bool SendsCode => Method?.SendsCode == true;

    /// <summary>How many digits the current method's codes have.</summary>
    public int Digits => Method?.Digits(Settings) ?? Settings.Length;

    public bool HasRecoveryCodes { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public bool RememberDevice { get; set; }

    public string? SentTo { get; private set; }

    public string? Reference { get; private set; }

    public string? HelpDeskPhone { get; private set; }

    public bool CanRememberDevice { get; private set; }

    /// <summary>How long a remembered device skips the challenge, in words ("24 hours").</summary>
    public string RememberFor { get; private set; } = "";

    /// <summary>How long a sent code is valid, in words ("5 minutes"), from <c>IdentityHub:Mfa:Codes:Lifetime</c>.</summary>
    public string ValidFor { get; private set; } = "";

    public string? Notice { get; private set; }

    public string? ErrorMessage { get; private set; }

    public string? Advice { get; private set; }

    /// <summary>Set when no enrolled method can reach the level the portal requires.</summary>
    public string? Unreachable { get; private set; }

    public IReadOnlyList<MfaMethod> OtherMethods { get; private set; } = [];

    public MfaMethod? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } leave)
        {
            return leave;
        }

        if (Current is not null && !SendsCode)
        {
            Notice = _methodTexts.HowTo(Current.Kind, Settings);
        }
        else if (Unreachable is null && Current is not null)
        {
            await SendAsync(firstOnly: true);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        if (await LoadAsync() is { } leave)
        {
            return leave;
        }

        if (Current is null || Unreachable is not null)
        {
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 20)
        {
            ModelState.AddModelError(nameof(Code), _text["CodeError.Malformed", Digits]);
            return Page();
        }

        if (await _limits.CodeVerifyAsync(HttpContext, _user.Id) is { Allowed: false } verifyLimit)
        {
            return new TooManyAttempts(verifyLimit.RetryAfter);
        }

        var result = SendsCode
            ? await _codes.VerifyAsync(_user, CodePurposes.SignIn, _attempt.Id, Code, _attempt.ClientId, Current, HttpContext.RequestAborted)
            : await _apps.VerifyAsync(_user, Current, Code, _attempt.ClientId);
        if (result.Outcome != CodeCheck.Accepted)
        {
            ErrorMessage = SendsCode ? _messages.For(result, Settings) : _messages.ForApp(result, Settings);
            return Page();
        }

        var attempt = _attempt.WithMethod(Current.Amr(), _time.GetUtcNow());
        if (RememberDevice && CanRememberDevice && attempt.Purpose == AttemptPurpose.SignIn)
        {
            var preset = _options.CurrentValue.Mfa.Preset;
            await _devices.RememberAsync(HttpContext, _user.Id, AssuranceLevels.For(attempt.Methods, preset), attempt.Methods);
        }

        return LocalRedirect(await _flow.ContinueAsync(HttpContext, attempt));
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        ModelState.Clear();
        if (await LoadAsync() is { } leave)
        {
            return leave;
        }

        if (SendsCode)
        {
            if (await _limits.CodeSendAsync(HttpContext, _user.Id) is { Allowed: false } sendLimit)
            {
                return new TooManyAttempts(sendLimit.RetryAfter);
            }

            await SendAsync();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostUseMethodAsync(string methodId)
    {
        ModelState.Clear();
        if (await LoadAsync() is { } leave)
        {
            return leave;
        }

        if (OtherMethods.FirstOrDefault(m => m.Id == methodId) is { } chosen)
        {
            _attempt = _attempt with { ChallengeMethodId = chosen.Id };
            Choose(chosen);
            if (SendsCode)
            {
                if (await _limits.CodeSendAsync(HttpContext, _user.Id) is { Allowed: false } sendLimit)
                {
                    return new TooManyAttempts(sendLimit.RetryAfter);
                }

                await SendAsync();
            }
            else
            {
                _attempts.Save(HttpContext, _attempt);
                Notice = _methodTexts.HowTo(chosen.Kind, Settings);
            }
        }

        return Page();
    }

    /// <summary>Only a page that is shown offers recovery codes: a correct code redirects without counting them.</summary>
    [NonHandler] // otherwise a request with the method PAGE and ?handler=HandlerExecution selects it
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && _user is not null)
        {
            HasRecoveryCodes = await _recoveryCodes.RemainingAsync(_user.Id) > 0;
        }
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var attempt = _attempts.Read(HttpContext);
        var user = attempt is null ? null : await _users.FindByIdAsync(attempt.UserId);
        if (attempt is null || user is null)
        {
            return RedirectToPage("/Account/Login", new { expired = true });
        }

        (_attempt, _user) = (attempt, user);
        var policy = await _policies.ForAsync(attempt.ClientId);
        HelpDeskPhone = policy.HelpDeskPhone;
        CanRememberDevice = policy.AllowRememberDevice && attempt.Purpose == AttemptPurpose.SignIn;
        RememberFor = _methodTexts.Duration(_options.CurrentValue.Mfa.RememberDevice.Lifetime);
        ValidFor = _methodTexts.Duration(Settings.Lifetime);
        Reference = attempt.Reference;

        var choice = await _choices.ForAsync(user, attempt);
        if (choice.Current is null)
        {
            return LocalRedirect(await _flow.ContinueAsync(HttpContext, attempt));
        }

        if (!choice.CodesReachLevel)
        {
            // A portal asking for phishing resistance: only a passkey can reach it.
            Unreachable = choice.HasPasskey
                ? _text["Challenge.PasskeyOnly"]
                : _text["Challenge.NoPhishingResistant"];
            return null;
        }

        Choose(choice.Current, choice.ByCode);
        var assurance = Method!.AssuranceUnder(_options.CurrentValue.Mfa.Preset);
        Advice = assurance.Restricted ? _methodTexts.Reason(assurance) : null;
        return null;
    }

    private void Choose(MfaMethod method, IReadOnlyList<MfaMethod>? usable = null)
    {
        var all = usable ?? OtherMethods.Append(Current!).ToList();
        Current = method;
        OtherMethods = all.Where(m => m.Id != method.Id).ToList();
        // A held factor's stored label is English ("Authenticator app"): show its name in the reader's language.
        SentTo = method.Descriptor().SendsCode ? method.MaskedDestination() : _methodTexts.Name(method.Kind);
    }

    /// <summary>
    /// Sends a code to the current method; <paramref name="firstOnly"/>: unless this attempt already has one. Where it
    /// went and for how long it is valid is said once, above the field; a new code only adds a short notice.
    /// </summary>
    private async Task SendAsync(bool firstOnly = false)
    {
        var policy = await _policies.ForAsync(_attempt.ClientId);
        var (kind, destination, language) = (Current!.Kind, Current.Destination, CodeMessagesForPeople.LanguageOf(Request));
        var result = firstOnly
            ? await _codes.SendFirstAsync(_user, kind, destination, CodePurposes.SignIn, _attempt.Id, policy, language, _attempt.Reference, HttpContext.RequestAborted)
            : await _codes.SendAsync(_user, kind, destination, CodePurposes.SignIn, _attempt.Id, policy, language, _attempt.Reference, HttpContext.RequestAborted);
        if (result is null)
        {
            return;
        }

        ErrorMessage = _messages.For(result, HelpDeskPhone);
        switch (result)
        {
            case SendResult.Sent sent:
                Reference = sent.Reference;
                Notice = firstOnly ? null : _text["MfaCode.NewCodeSent"].Value;
                break;
            case SendResult.NotDelivered notDelivered:
                Reference = notDelivered.Reference;
                break;
        }

        _attempt = _attempt with { Reference = Reference };
        _attempts.Save(HttpContext, _attempt);
    }
}
