using IdentityHub.Data.Users;
using IdentityHub.Server.Mfa;

namespace IdentityHub.Server.SignIn;

/// <summary>
/// One step between the password and the session: it passes, or names the page the user must visit.
/// Adding a step (terms, password change, profile choice) is one class and one registration.
/// </summary>
public interface ISignInCheck
{
    Task<CheckOutcome> EvaluateAsync(SignInContext context);
}

public sealed class SignInContext(HttpContext http, IdentityHubUser user, SignInAttempt attempt, ClientPolicy policy)
{
    public HttpContext Http { get; } = http;

    public IdentityHubUser User { get; } = user;

    /// <summary>Checks may add to the attempt (a remembered device adds its methods).</summary>
    public SignInAttempt Attempt { get; set; } = attempt;

    public ClientPolicy Policy { get; } = policy;
}

public abstract record CheckOutcome
{
    public static CheckOutcome Pass { get; } = new Passed();

    public static CheckOutcome GoTo(string path) => new Redirect(path);

    public sealed record Passed : CheckOutcome;

    public sealed record Redirect(string Path) : CheckOutcome;
}
