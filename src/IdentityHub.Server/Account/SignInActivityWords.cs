using IdentityHub.Data.Audit;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Account;

/// <summary>
/// The recent sign-in activity of the account security page in the reader's language. The audit log keeps its
/// events and outcomes as codes (<c>sign_in.password</c>, <c>locked_out</c>) for operators; this says them to the person.
/// </summary>
public static class SignInActivityWords
{
    /// <summary>The events the list shows.</summary>
    public static readonly IReadOnlyList<string> Events = ["sign_in", "sign_in.password", "sign_in.passkey", "step_up"];

    /// <summary>What happened, in words ("Wrong password").</summary>
    public static string What(IStringLocalizer<AccountText> text, AuditEvent entry) => entry switch
    {
        { Event: "sign_in", Outcome: "succeeded" } => text["Activity.SignedIn"],
        { Event: "step_up", Outcome: "succeeded" } => text["Activity.StepUpPassed"],
        { Event: "sign_in.passkey", Outcome: "succeeded" } => text["Activity.PasskeyAccepted"],
        { Event: "sign_in.passkey" } => text["Activity.PasskeyRefused"],
        { Event: "sign_in.password", Outcome: "succeeded" } => text["Activity.PasswordAccepted"],
        { Event: "sign_in.password", Outcome: "unlocked_by_owner" } => text["Activity.PasswordAcceptedUnlocked"],
        { Event: "sign_in.password", Outcome: "locked_out" or "locked_out_here" } => text["Activity.RefusedLocked"],
        { Event: "sign_in.password", Outcome: "not_allowed" } => text["Activity.Refused"],
        { Event: "sign_in.password" } => text["Activity.WrongPassword"],
        _ => text["Activity.Other"],
    };

    /// <summary>The device of the entry in words, or "Unknown device".</summary>
    public static string Device(IStringLocalizer<AccountText> text, AuditEvent entry) =>
        entry.Device is null ? text["Activity.DeviceUnknown"] : Sessions.DeviceWords.Device(text, entry.Device);

    /// <summary>"A local network", "Network address 203.0.113.5" or "Unknown network".</summary>
    public static string Network(IStringLocalizer<AccountText> text, AuditEvent entry) =>
        entry.IpAddress is null
            ? text["Activity.NetworkUnknown"]
            : Sessions.DeviceWords.Network(text, entry.IpAddress, address => text["Activity.NetworkAddress", address]);
}
