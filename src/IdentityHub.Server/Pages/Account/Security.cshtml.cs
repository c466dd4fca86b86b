using IdentityHub.Accounts;
using IdentityHub.Data;
using IdentityHub.Data.Audit;
using IdentityHub.Data.Mfa;
using IdentityHub.Data.Sessions;
using IdentityHub.Core.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Server.Account;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account;

/// <summary>
/// The account security page: enrolled methods with masked destinations and remembered devices.
/// Every change needs a second factor proven within the last few minutes (M8); the last method that
/// counts cannot be removed.
/// </summary>
[Authorize]
public sealed class SecurityModel(
    EnrolledMethods methods,
    RememberedDevices devices,
    RememberedDeviceRevocations revocations,
    RecoveryCodeStore recoveryCodes,
    SignOutEverywhere signOutEverywhere,
    SessionRecords sessions,
    IdentityHubDbContext db,
    SignInFlow flow,
    FreshSecondFactor fresh,
    UserManager<IdentityHubUser> users,
    AccountNotices notices,
    IStringLocalizer<AccountText> text,
    AuditLog audit) : PageModel
{
    private const string Self = "/account/security";

    public IReadOnlyList<MfaMethod> Methods { get; private set; } = [];

    public IReadOnlyList<RememberedDevice> Devices { get; private set; } = [];

    public bool IsFresh { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>A set just made on request, shown once.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public IReadOnlyList<AuditEvent> RecentActivity { get; private set; } = [];

    /// <summary>Where the person is signed in now, this browser first.</summary>
    public IReadOnlyList<ServerSession> Sessions { get; private set; } = [];

    public string? CurrentSessionId { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public string? ErrorMessage { get; private set; }

    public bool CanRemove(MfaMethod method) => !methods.Counts(method) || Methods.Count(methods.Counts) > 1;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is { } leave ? leave : Page();

    public Task<IActionResult> OnPostAddAsync() => ChangeAsync(async session => LocalRedirect(await flow.AddMethodAsync(HttpContext, session, Self)));

    public Task<IActionResult> OnPostRemoveAsync(string methodId) => ChangeAsync(async session =>
    {
        var removing = Methods.FirstOrDefault(method => method.Id == methodId);
        if (removing is null || !await methods.RemoveAsync(session.UserId, methodId))
        {
            ErrorMessage = text["Security.RemoveRefused"];
            await LoadAsync();
            return Page();
        }

        // A removed email address is told as well as the account's: its owner may not be reading the other.
        var user = await users.FindByIdAsync(session.UserId) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        var notice = await notices.SendAsync(user, AccountChange.MethodRemoved, removing,
            alsoTo: removing.Kind == MfaMethodKind.Email ? removing.Destination : null, HttpContext.RequestAborted);
        await audit.RecordAsync("mfa.method_removed", "succeeded", session.UserId, detail: $"{removing.Kind} {removing.MaskedDestination()}; {notice.Delivered}", reference: notice.Reference);
        Notice = text["Security.MethodRemoved"];
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostForgetDeviceAsync(string? deviceId) => ChangeAsync(async session =>
    {
        var count = await revocations.RevokeAsync(session.UserId, deviceId, HttpContext.RequestAborted);
        await audit.RecordAsync("mfa.devices_revoked", "succeeded", session.UserId, detail: $"{count} device(s)");
        Notice = count == 1 ? text["Security.DevicesForgotten.One"] : text["Security.DevicesForgotten.Many", count];
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostNewRecoveryCodesAsync() => ChangeAsync(async session =>
    {
        NewRecoveryCodes = await recoveryCodes.GenerateAsync(session.UserId);
        var user = await users.FindByIdAsync(session.UserId) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        var notice = await notices.SendAsync(user, AccountChange.RecoveryCodesReplaced, cancellationToken: HttpContext.RequestAborted);
        await audit.RecordAsync("mfa.recovery_codes_notice", "succeeded", session.UserId, detail: notice.Delivered, reference: notice.Reference);
        await LoadAsync();
        return Page();
    });

    public Task<IActionResult> OnPostSignOutEverywhereAsync() => ChangeAsync(async session =>
    {
        var ended = await signOutEverywhere.RunAsync(HttpContext, session);
        Notice = ended.RevokedTokens > 0 ? text["Security.SignedOutEverywhereTokens"] : text["Security.SignedOutEverywhere"];
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostEndSessionAsync(string? sessionId) => ChangeAsync(async session =>
    {
        var ending = Sessions.FirstOrDefault(s => s.Id == sessionId && s.Id != session.SessionId);
        if (ending is null || !await sessions.EndAsync(ending.Id, SessionEndReasons.EndedByUser, ownedBy: session.UserId, HttpContext.RequestAborted))
        {
            ErrorMessage = text["Security.SessionAlreadyEnded"];
            await LoadAsync();
            return Page();
        }

        await audit.RecordAsync("session.ended", "succeeded", session.UserId, detail: $"{ending.Device} by the account owner");
        Notice = text["Security.SessionEnded", DeviceWords.Device(text, ending.Device)];
        return RedirectToPage();
    });

    private async Task<IActionResult> ChangeAsync(Func<SignedInSession, Task<IActionResult>> change)
    {
        if (await LoadAsync() is { } leave)
        {
            return leave;
        }

        var session = (await SignedInSession.ReadAsync(HttpContext))!;
        if (await fresh.RequireAsync(HttpContext, session, Self) is { } stepUp)
        {
            // Prove a second factor first; the page comes back and the user repeats the change.
            return LocalRedirect(stepUp);
        }

        return await change(session);
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var session = await SignedInSession.ReadAsync(HttpContext);
        if (session is null)
        {
            return Challenge();
        }

        IsFresh = fresh.IsFresh(session);
        Methods = await methods.ListAsync(session.UserId);
        Devices = await devices.ListAsync(session.UserId);
        RecoveryCodesLeft = await recoveryCodes.RemainingAsync(session.UserId);
        RecentActivity = await db.AuditEvents
            .Where(e => e.UserId == session.UserId && SignInActivityWords.Events.Contains(e.Event))
            .OrderByDescending(e => e.OccurredAt)
            .Take(10)
            .ToListAsync();
        CurrentSessionId = session.SessionId;
        Sessions = [.. (await sessions.ListAliveAsync(session.UserId, HttpContext.RequestAborted)).OrderBy(s => s.Id != session.SessionId)];
        return null;
    }
}
