namespace IdentityHub.Server.Pages.Account.Mfa;

/// <summary>
/// What the code pages (the challenge and the enrollment wizard's first code) show right under the code
/// form: the help desk's number where the portal has one, and the code's reference with what it is for.
/// </summary>
public sealed record CodeHelp(string? HelpDeskPhone, string? Reference);

/// <summary>The "remember this device" checkbox of a code form: how long, and whether it is ticked.</summary>
public sealed record RememberDeviceChoice(string For, bool Checked);
