using System.ComponentModel.DataAnnotations;

namespace IdentityHub.Core.Accounts;

/// <summary>The one rule for an email address people type: at most 256 characters, name@domain.tld, no spaces.</summary>
public static class EmailAddresses
{
    public const int MaxLength = 256;

    private static readonly EmailAddressAttribute Shape = new();

    public static bool IsValid(string email) =>
        email.Length is > 0 and <= MaxLength && Shape.IsValid(email) && email.Contains('.', StringComparison.Ordinal) && !email.Any(char.IsWhiteSpace);
}
