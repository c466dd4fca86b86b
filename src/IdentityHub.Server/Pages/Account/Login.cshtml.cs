using System.ComponentModel.DataAnnotations;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Import;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Throttling;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using IdentityHub.Server.Texts;

namespace IdentityHub.Server.Pages.Account;

public sealed class LoginModel(
    UserManager<IdentityHubUser> users,
    ImportedPasswordCheck passwords,
    SignInFlow flow,
    SignInGuard guard,
    IdentityHubDbContext db,
    AuditLog audit,
    IdentityHub.Server.Connect.PushedRequests pushed,
    IStringLocalizer<SignInText> text) : PageModel
{
    // Wording shared by every failure that must not reveal whether the username exists.
    private string WrongCredentials => text["Login.WrongCredentials"];

    private string Locked => text["Login.Locked"];

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>Set when an MFA step found its sign-in attempt gone (timed out or another browser).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Expired { get; set; }

    public void OnGet()
    {
        // login_hint from the portal's authorization request pre-fills the username.
        if (Input.Username.Length == 0 && LoginHintFrom(ReturnUrl) is { } hint)
        {
            Input.Username = hint;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var userName = Input.Username.Trim();
        var check = await guard.CheckAsync(HttpContext, userName);
        if (check.RetryAfter > TimeSpan.Zero)
        {
            return new TooManyAttempts(check.RetryAfter);
        }

        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            // The same work as a wrong password for a known user (the hasher, the failure count's write,
            // this network's count, the audit record), so that neither time nor load reveals the answer.
            TimingDecoy.Verify(users.PasswordHasher, Input.Password);
            await TimingDecoy.CountFailureAsync(users, db, userName, HttpContext.RequestAborted);
            await guard.RecordWrongPasswordAsync(HttpContext, userName);
            await audit.RecordAsync("sign_in.password", "unknown_user", userId: null, ClientPolicies.ClientIdFrom(ReturnUrl));
            ErrorMessage = WrongCredentials;
            return Page();
        }

        if (check.NetworkLocked)
        {
            // This network typed too many wrong passwords for this account: its password path is locked
            // here (A3), and the account stays open to its owner elsewhere (decision 0012).
            var known = PasswordMatches(user, Input.Password);
            await audit.RecordAsync("sign_in.password", "locked_out_here", user.Id, ClientPolicies.ClientIdFrom(ReturnUrl));
            ErrorMessage = known ? Locked : WrongCredentials;
            return Page();
        }

        var result = await passwords.CheckAsync(user, Input.Password, ClientPolicies.ClientIdFrom(ReturnUrl));
        var reference = await audit.RecordAsync("sign_in.password", Outcome(result), user.Id, ClientPolicies.ClientIdFrom(ReturnUrl));

        // A locked or turned-off account says so only to someone who knows its password (A3): to anyone
        // else it answers like an unknown username, so the message never confirms that an account exists.
        if (result.IsLockedOut && !PasswordMatches(user, Input.Password))
        {
            await guard.RecordWrongPasswordAsync(HttpContext, userName);
            ErrorMessage = WrongCredentials;
            return Page();
        }

        if (result.IsLockedOut && user.DisabledByAdministratorAt is not null)
        {
            ErrorMessage = text["Login.TurnedOffByAdministrator"];
            return Page();
        }

        if (result.IsLockedOut && user.DisabledForInactivityAt is not null)
        {
            ErrorMessage = text["Login.TurnedOffForInactivity"];
            return Page();
        }

        if (result.IsLockedOut)
        {
            // Locked by wrong passwords from other networks, and this one knows the password: the lock
            // stops guessing, not the owner. It is lifted, and this sign-in must pass the second factor
            // even on a remembered device; the guessing networks stay locked out (decision 0012).
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await audit.RecordAsync("sign_in.password", "unlocked_by_owner", user.Id, ClientPolicies.ClientIdFrom(ReturnUrl), reference: reference);
            return LocalRedirect(await flow.StartWithSecondFactorAsync(HttpContext, user, ReturnUrls.LocalOrHome(ReturnUrl), reference));
        }

        if (result.IsNotAllowed)
        {
            ErrorMessage = text["Login.NotAllowed"];
            return Page();
        }

        if (!result.Succeeded)
        {
            await guard.RecordWrongPasswordAsync(HttpContext, userName);
            ErrorMessage = WrongCredentials;
            return Page();
        }

        // The password is only the first step: the sign-in checks (MFA enrollment, challenge) follow.
        // The password event's reference is the attempt's: the code pages and recent activity show it (decision 0021).
        return LocalRedirect(await flow.StartAsync(HttpContext, user, ReturnUrls.LocalOrHome(ReturnUrl), reference));
    }

    /// <summary>Checks the password without side effects (no rehash of an imported hash while the account is locked).</summary>
    private bool PasswordMatches(IdentityHubUser user, string password) =>
        user.PasswordHash is { } hash && users.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;

    private static string Outcome(Microsoft.AspNetCore.Identity.SignInResult result) =>
        result.Succeeded ? "succeeded" : result.IsLockedOut ? "locked_out" : result.IsNotAllowed ? "not_allowed" : "wrong_password";

    private string? LoginHintFrom(string? returnUrl) =>
        pushed.Of(returnUrl, "login_hint") is { Length: <= LoginInput.MaxUsernameLength } hint ? hint : null;

    public sealed class LoginInput
    {
        public const int MaxUsernameLength = 64;

        [Required(ErrorMessage = "Login.UsernameRequired")]
        [StringLength(MaxUsernameLength, ErrorMessage = "Login.UsernameTooLong")]
        public string Username { get; set; } = "";

        [Required(ErrorMessage = "Login.PasswordRequired")]
        [StringLength(1024, ErrorMessage = "Login.PasswordTooLong")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
