using IdentityHub.Core.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Profile;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account.Profile;

/// <summary>
/// The profile page (A11): name, email address and phone number. Every change needs a second factor
/// proven within the last few minutes, as on the security page; a new email address or phone number
/// is confirmed with a code sent to it before it replaces the old one. The change waiting for its code
/// is kept in a protected cookie, never in the form.
/// </summary>
[Authorize]
public sealed class IndexModel(
    UserManager<IdentityHubUser> users,
    FreshSecondFactor fresh,
    ProfileChanges changes,
    ClientPolicies policies,
    IDataProtectionProvider protection,
    IOptionsMonitor<IdentityHubOptions> options,
    CodeMessagesForPeople codeMessages,
    IStringLocalizer<AccountText> text,
    TimeProvider time) : PageModel
{
    public const string Self = "/account/profile";

    [BindProperty]
    public string? GivenName { get; set; }

    [BindProperty]
    public string? FamilyName { get; set; }

    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? Country { get; set; }

    [BindProperty]
    public string? NewPhone { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? CurrentEmail { get; private set; }

    public bool EmailConfirmed { get; private set; }

    public string? CurrentPhone { get; private set; }

    public bool IsFresh { get; private set; }

    /// <summary>The new email address or phone number waiting for its code, if any.</summary>
    public PendingContactChange? Pending { get; private set; }

    /// <summary>The country list in the reader's language (shared with the enrollment wizard).</summary>
    public IReadOnlyList<CountryOption> Countries => PhoneCountries.InReaderLanguage(text);

    public int CodeLength => options.CurrentValue.Mfa.Codes.Length;

    [TempData]
    public string? Notice { get; set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (user, _) = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }

        GivenName = user.GivenName;
        FamilyName = user.FamilyName;
        return Page();
    }

    public Task<IActionResult> OnPostNameAsync() => ChangeAsync(keepName: true, async user =>
    {
        var givenError = ProfileChanges.CheckGivenName(GivenName);
        var familyError = ProfileChanges.CheckFamilyName(FamilyName);
        if (givenError is not null || familyError is not null)
        {
            Fail(nameof(GivenName), givenError);
            Fail(nameof(FamilyName), familyError);
            return Page();
        }

        if (await changes.ChangeNameAsync(user, GivenName!, FamilyName!) is not { } reference)
        {
            ErrorMessage = text["Profile.NameChangedElsewhere"];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        Notice = text["Profile.NameSaved", reference];
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostEmailAsync() => ChangeAsync(keepName: false, async user =>
    {
        var (email, error) = ProfileChanges.CheckEmail(NewEmail);
        if (email is null)
        {
            Fail(nameof(NewEmail), error);
            return Page();
        }

        if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            Fail(nameof(NewEmail), "Profile.EmailSame");
            return Page();
        }

        return await StartAsync(user, MfaMethodKind.Email, email);
    });

    public Task<IActionResult> OnPostPhoneAsync() => ChangeAsync(keepName: false, async user =>
    {
        if (Countries.All(country => country.RegionCode != Country))
        {
            Fail(nameof(Country), "Profile.ChooseCountry");
            return Page();
        }

        var parsed = PhoneNumbers.Parse(NewPhone ?? "", Country!);
        if (!parsed.IsValid)
        {
            Fail(nameof(NewPhone), parsed.Problem == PhoneProblem.Missing ? "Profile.PhoneMissing" : "Profile.PhoneInvalid");
            return Page();
        }

        if (!parsed.IsMobile)
        {
            Fail(nameof(NewPhone), "Profile.NotMobile");
            return Page();
        }

        if (parsed.E164 == user.PhoneNumber)
        {
            Fail(nameof(NewPhone), "Profile.PhoneSame");
            return Page();
        }

        return await StartAsync(user, MfaMethodKind.Sms, parsed.E164!);
    });

    public Task<IActionResult> OnPostVerifyAsync() => WithPendingChangeAsync(async (user, pending) =>
    {
        var result = await changes.ConfirmAsync(user, pending, Code);
        if (result is ContactChangeResult.Refused refused)
        {
            FailWith(nameof(Code), codeMessages.For(refused.Check, options.CurrentValue.Mfa.Codes));
            Code = null;
            return Page();
        }

        var reference = ((ContactChangeResult.Changed)result).Reference;
        PendingContactChange.End(HttpContext);
        Notice = pending.IsEmail ? text["Profile.EmailChanged", reference] : text["Profile.PhoneChanged", reference];
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostResendAsync() => WithPendingChangeAsync(async (user, pending) =>
    {
        var sent = await changes.SendCodeAsync(user, pending, CodeMessagesForPeople.LanguageOf(Request));
        if (codeMessages.For(sent, policies.Deployment.HelpDeskPhone) is { } problem)
        {
            ErrorMessage = problem;
            return Page();
        }

        Notice = text["Profile.CodeResent", pending.MaskedNewValue];
        return RedirectToPage();
    });

    /// <summary>Runs a step of a pending email or phone change; without one, says so.</summary>
    private async Task<IActionResult> WithPendingChangeAsync(Func<IdentityHubUser, PendingContactChange, Task<IActionResult>> step)
    {
        var (user, _) = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }

        FillName(user);
        if (Pending is null)
        {
            ErrorMessage = text["Profile.NoPendingChange"];
            return Page();
        }

        return await step(user, Pending);
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        var (user, _) = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }

        PendingContactChange.End(HttpContext);
        Notice = text["Profile.Cancelled"];
        return RedirectToPage();
    }

    private async Task<IActionResult> StartAsync(IdentityHubUser user, MfaMethodKind kind, string newValue)
    {
        var (pending, sent) = await changes.StartAsync(user, kind, newValue, CodeMessagesForPeople.LanguageOf(Request));
        if (codeMessages.For(sent, policies.Deployment.HelpDeskPhone) is { } problem)
        {
            ErrorMessage = problem;
            return Page();
        }

        pending.Save(HttpContext, protection);
        Notice = text["Profile.CodeSent", pending.MaskedNewValue];
        return RedirectToPage();
    }

    private async Task<IActionResult> ChangeAsync(bool keepName, Func<IdentityHubUser, Task<IActionResult>> change)
    {
        var (user, session) = await LoadAsync();
        if (user is null || session is null)
        {
            return Challenge();
        }

        if (!keepName)
        {
            FillName(user);
        }

        if (await fresh.RequireAsync(HttpContext, session, Self) is { } stepUp)
        {
            // Prove a second factor first; the page comes back and the user repeats the change.
            return LocalRedirect(stepUp);
        }

        return await change(user);
    }

    private async Task<(IdentityHubUser? User, SignedInSession? Session)> LoadAsync()
    {
        var session = await SignedInSession.ReadAsync(HttpContext);
        if (session is null || await users.FindByIdAsync(session.UserId) is not { } user)
        {
            return (null, null);
        }

        var now = time.GetUtcNow();
        IsFresh = fresh.IsFresh(session);
        CurrentEmail = user.Email;
        EmailConfirmed = user.EmailConfirmed;
        CurrentPhone = user.PhoneNumber is null ? null : PhoneNumbers.Format(user.PhoneNumber, options.CurrentValue.Mfa.DefaultCountry);
        Country ??= options.CurrentValue.Mfa.DefaultCountry;
        Pending = PendingContactChange.Read(HttpContext, protection, user.Id, now);
        return (user, session);
    }

    private void FillName(IdentityHubUser user)
    {
        GivenName = user.GivenName;
        FamilyName = user.FamilyName;
    }

    /// <summary>Marks the field with the text of <paramref name="key"/> (of <see cref="AccountText"/>); nothing when null.</summary>
    private void Fail(string field, string? key)
    {
        if (key is not null)
        {
            // The longest name is the {0} of the "too long" texts; the others have no placeholder.
            FailWith(field, text[key, ProfileChanges.NameMaxLength]);
        }
    }

    private void FailWith(string field, string message)
    {
        ModelState.AddModelError(field, message);
        ErrorMessage ??= message;
    }
}
