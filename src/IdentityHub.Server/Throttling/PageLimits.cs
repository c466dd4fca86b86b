namespace IdentityHub.Server.Throttling;

/// <summary>
/// The limits of each self-service page, by network address and by account. "Per account" on the
/// pages a stranger can reach (sign-in, forgot password) is per account <em>and</em> address, so a
/// stranger's requests never use up the owner's (decision 0012).
/// </summary>
public sealed class PageLimits(RateLimits limits)
{
    public const string SignInPerAddress = "sign-in/address";
    public const string SignInPerAccount = "sign-in/account";
    public const string CodeSendPerAddress = "code-send/address";
    public const string CodeSendPerAccount = "code-send/account";
    public const string CodeVerifyPerAddress = "code-verify/address";
    public const string CodeVerifyPerAccount = "code-verify/account";
    public const string ForgotUsernamePerAddress = "forgot-username/address";
    public const string ForgotUsernamePerEmail = "forgot-username/email";
    public const string ForgotPasswordPerAddress = "forgot-password/address";
    public const string ForgotPasswordPerAccount = "forgot-password/account";
    public const string RegistrationPerAddress = "registration/address";
    public const string RegistrationPerEmail = "registration/email";
    public const string MemberProofPerAddress = "member-proof/address";
    public const string MemberProofPerMember = "member-proof/member";

    public Task<RateLimitDecision> CodeSendAsync(HttpContext http, string userId)
    {
        var settings = limits.Settings;
        return CountAsync(http, [
            new(CodeSendPerAddress, settings.CodeSendPerAddress, RateLimits.Key(limits.AddressOf(http))),
            new(CodeSendPerAccount, settings.CodeSendPerAccount, RateLimits.Key(userId)),
        ]);
    }

    public Task<RateLimitDecision> CodeVerifyAsync(HttpContext http, string userId)
    {
        var settings = limits.Settings;
        return CountAsync(http, [
            new(CodeVerifyPerAddress, settings.CodeVerifyPerAddress, RateLimits.Key(limits.AddressOf(http))),
            new(CodeVerifyPerAccount, settings.CodeVerifyPerAccount, RateLimits.Key(userId)),
        ]);
    }

    public Task<RateLimitDecision> ForgotUsernameAsync(HttpContext http, string email)
    {
        var settings = limits.Settings;
        return CountAsync(http, [
            new(ForgotUsernamePerAddress, settings.ForgotUsernamePerAddress, RateLimits.Key(limits.AddressOf(http))),
            new(ForgotUsernamePerEmail, settings.ForgotUsernamePerEmail, RateLimits.Key(email)),
        ]);
    }

    public Task<RateLimitDecision> ForgotPasswordAsync(HttpContext http, string userName)
    {
        var settings = limits.Settings;
        var address = limits.AddressOf(http);
        return CountAsync(http, [
            new(ForgotPasswordPerAddress, settings.ForgotPasswordPerAddress, RateLimits.Key(address)),
            new(ForgotPasswordPerAccount, settings.ForgotPasswordPerAccount, RateLimits.Key(userName, address)),
        ]);
    }

    /// <summary>A registration request: per network address, and per administrator's email address it names.</summary>
    public Task<RateLimitDecision> RegistrationAsync(HttpContext http, IEnumerable<string> emails)
    {
        var settings = limits.Settings;
        RateLimitCount[] counts = [
            new(RegistrationPerAddress, settings.RegistrationPerAddress, RateLimits.Key(limits.AddressOf(http))),
            .. emails.Where(email => !string.IsNullOrWhiteSpace(email)).Select(email => email.Trim().ToLowerInvariant()).Distinct()
                .Select(email => new RateLimitCount(RegistrationPerEmail, settings.RegistrationPerEmail, RateLimits.Key(email))),
        ];
        return CountAsync(http, counts);
    }

    /// <summary>
    /// A membership proof (A15): per network address, and per member id (normalized) from any address, so nobody can
    /// try one member's birth date, name and ZIP over and over. <paramref name="increment"/> -1 gives back a proof the
    /// roster could not check (it was unavailable), which is not a guess.
    /// </summary>
    public Task<RateLimitDecision> MemberProofAsync(HttpContext http, string normalizedMemberId, int increment = 1)
    {
        var settings = limits.Settings;
        return CountAsync(http, [
            new(MemberProofPerAddress, settings.MemberProofPerAddress, RateLimits.Key(limits.AddressOf(http)), increment),
            new(MemberProofPerMember, settings.MemberProofPerMember, RateLimits.Key("member", normalizedMemberId), increment),
        ]);
    }

    private Task<RateLimitDecision> CountAsync(HttpContext http, RateLimitCount[] counts) =>
        limits.CountAsync(counts, http.RequestAborted);
}
