using IdentityHub.Core.Mfa;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Account;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace IdentityHub.Server.Pages.Account.Mfa;

/// <summary>
/// Enrollment of an authenticator app (M12): a QR code rendered here (no outside service) and the key
/// in groups for typing, then a current code from the app before anything is saved.
/// </summary>
public sealed class EnrollAuthenticatorModel(EnrollmentWizard wizard, AuthenticatorApps apps, SignInFlow flow, AccountNotices notices, AuditLog audit, IStringLocalizer<MfaText> text, IStringLocalizer<LayoutText> layout) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    private string AppCodeNeeded => text["EnrollAuthenticator.CodeNeeded", Totp.Digits];

    public string Key { get; private set; } = "";

    public string QrCode { get; private set; } = "";

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (state, redirect) = await LoadAsync();
        return state is null ? LocalRedirect(redirect!) : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (state, redirect) = await LoadAsync();
        if (state is null)
        {
            return LocalRedirect(redirect!);
        }

        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 20)
        {
            ModelState.AddModelError(nameof(Code), AppCodeNeeded);
            return Page();
        }

        var secret = state.Enrollment.Destination!;
        var check = AuthenticatorApps.CheckEnrollment(secret, Code!, wizard.Now);
        if (check.Outcome != TotpOutcome.Accepted)
        {
            wizard.Save(HttpContext, state.Attempt, state.Enrollment);
            ErrorMessage = check.Outcome == TotpOutcome.Malformed
                ? AppCodeNeeded
                : text["EnrollAuthenticator.WrongCode"];
            return Page();
        }

        var adding = state.Attempt.Purpose == AttemptPurpose.AddMethod;
        var method = await apps.AddAsync(state.User.Id, secret, check.MatchedStep, usedToSignIn: !adding);
        var notice = await notices.SendAsync(state.User, AccountChange.MethodAdded, method, cancellationToken: HttpContext.RequestAborted);
        await audit.RecordAsync("mfa.method_added", "succeeded", state.User.Id, state.Attempt.ClientId, $"Totp; {notice.Delivered}", notice.Reference);
        var attempt = state.Attempt.WithMethod(method.Amr(), wizard.Now) with { Enrollment = null, ChallengeMethodId = method.Id };
        return LocalRedirect(await flow.ContinueAsync(HttpContext, attempt));
    }

    private async Task<(WizardState? State, string? Redirect)> LoadAsync()
    {
        var (state, redirect) = await wizard.LoadAsync(HttpContext);
        if (state is null)
        {
            return (null, redirect);
        }

        if (state.Enrollment.Kind != MfaMethodKind.Totp)
        {
            return (null, EnrollmentWizard.StartPage);
        }

        if (state.Enrollment.Destination is null)
        {
            // The pending secret lives only in the protected attempt cookie until the first code proves it.
            var enrollment = state.Enrollment with { Destination = Totp.ToBase32(Totp.NewSecret()) };
            var attempt = wizard.Save(HttpContext, state.Attempt, enrollment);
            state = state with { Attempt = attempt, Enrollment = attempt.Enrollment! };
        }

        var secret = Totp.FromBase32(state.Enrollment.Destination!);
        Key = Totp.ForDisplay(secret);
        // The app lists the account under the plan's name, as the header shows it.
        var plan = layout["Brand.Name"].Value;
        var uri = Totp.OtpAuthUri(secret, string.IsNullOrWhiteSpace(plan) ? "IdentityHub" : plan, state.User.UserName ?? state.User.Id);
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(6));
        return (state, null);
    }
}
