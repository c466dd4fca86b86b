using IdentityHub.Core.Assurance;
using IdentityHub.Core.Mfa;

namespace IdentityHub.Server.Configuration;

/// <summary>Settings under <c>IdentityHub:Mfa</c>. MFA itself cannot be turned off (M1).</summary>
public sealed class MfaOptions
{
    /// <summary><c>Legacy</c> (email, SMS and voice codes all count) or <c>Nist</c> (SP 800-63B-4).</summary>
    public AssurancePreset Preset { get; set; } = AssurancePreset.Legacy;

    /// <summary>The methods offered at enrollment, in the order shown.</summary>
    public List<MfaMethodKind> Methods { get; set; } = [MfaMethodKind.Email, MfaMethodKind.Sms, MfaMethodKind.Voice, MfaMethodKind.Totp];

    public CodeSettings Codes { get; set; } = new();

    /// <summary>Inactivity after which the enrollment wizard starts again (M6).</summary>
    public TimeSpan EnrollmentTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How recent an MFA check must be to add, change or remove a method (M8).</summary>
    public TimeSpan FreshCheckWindow { get; set; } = TimeSpan.FromMinutes(5);

    public RememberDeviceOptions RememberDevice { get; set; } = new();

    /// <summary>The help-desk phone shown on MFA pages when a portal has none of its own.</summary>
    public string? HelpDeskPhone { get; set; }

    /// <summary>The country preselected in the phone field.</summary>
    public string DefaultCountry { get; set; } = "US";

    /// <summary>Message templates; an entry may name a portal (ClientId) and a language, or neither.</summary>
    public List<CodeTemplateOptions> Templates { get; set; } = [];
}

public sealed class RememberDeviceOptions
{
    /// <summary>Offer "Remember this device"; each portal may still forbid it.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);
}

public sealed class CodeTemplateOptions
{
    public string? ClientId { get; set; }

    public string? Language { get; set; }

    public string? EmailSubject { get; set; }

    public string? EmailBody { get; set; }

    public string? SmsBody { get; set; }

    public string? VoiceBody { get; set; }
}
